use std::sync::mpsc;
use std::time::Duration;
use tokio::sync::oneshot;

// ANCHOR: std
async fn std_channel_in_a_task() {
    let (ticket_tx, ticket_rx) = mpsc::channel::<u32>();
    let (go_tx, go_rx) = oneshot::channel::<()>();

    let waiter = tokio::spawn(async move {
        // The waiter is ready to run as soon as the chef says "go".
        go_rx.await.unwrap();
        println!("waiter: running at last, clipping ticket 7");
        if ticket_tx.send(7).is_err() {
            println!("waiter: too late, the chef has stopped listening");
        }
    });

    let chef = tokio::spawn(async move {
        go_tx.send(()).unwrap();
        println!("chef: told the waiter to go, now waiting in std recv_timeout");
        // A std call: it blocks this OS thread, the runtime's only one.
        match ticket_rx.recv_timeout(Duration::from_millis(50)) {
            Ok(ticket) => println!("chef: got ticket {ticket}"),
            Err(e) => println!("chef: recv_timeout gave up: {e:?}"),
        }
    });

    chef.await.unwrap();
    waiter.await.unwrap();
}
// ANCHOR_END: std

// ANCHOR: tokio
async fn tokio_channel_in_a_task() {
    let (ticket_tx, mut ticket_rx) = tokio::sync::mpsc::channel::<u32>(8);
    let (go_tx, go_rx) = oneshot::channel::<()>();

    let waiter = tokio::spawn(async move {
        go_rx.await.unwrap();
        println!("waiter: running, clipping ticket 7");
        if ticket_tx.send(7).await.is_err() {
            println!("waiter: too late, the chef has stopped listening");
        }
    });

    let chef = tokio::spawn(async move {
        go_tx.send(()).unwrap();
        println!("chef: told the waiter to go, now awaiting the tokio channel");
        // `.await` hands the thread back to the runtime while we wait.
        let wait = tokio::time::timeout(Duration::from_millis(50), ticket_rx.recv());
        match wait.await {
            Ok(Some(ticket)) => println!("chef: got ticket {ticket}"),
            Ok(None) => println!("chef: every sender is gone"),
            Err(_) => println!("chef: gave up after 50 ms"),
        }
    });

    chef.await.unwrap();
    waiter.await.unwrap();
}
// ANCHOR_END: tokio

fn main() {
    // ANCHOR: runtime
    // One thread runs every task, so a blocked task blocks them all.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    println!("-- a std channel inside a task --");
    runtime.block_on(std_channel_in_a_task());
    println!("-- a tokio channel inside a task --");
    runtime.block_on(tokio_channel_in_a_task());
    // ANCHOR_END: runtime
}
