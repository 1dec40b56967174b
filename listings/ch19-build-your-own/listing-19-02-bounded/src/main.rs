// ANCHOR: all
use listing_19_02_bounded::{SendError, TrySendError, sync_channel};
use std::thread;
use std::time::Duration;

fn main() {
    // ANCHOR: full
    // A rail with room for two tickets.
    let (tx, rx) = sync_channel::<String>(2);
    for table in 1..=3 {
        match tx.try_send(format!("table {table}")) {
            Ok(()) => println!("try_send table {table}: Ok"),
            Err(TrySendError::Full(ticket)) => println!("try_send: Full, got back {ticket:?}"),
            Err(TrySendError::Disconnected(ticket)) => {
                println!("try_send: Disconnected, got back {ticket:?}")
            }
        }
    }

    // This waiter's `send` has to wait for room: the rail is full.
    let waiter = {
        let tx = tx.clone();
        thread::spawn(move || {
            for table in 3..=5 {
                tx.send(format!("table {table}")).unwrap();
            }
        })
    };
    // Each ticket the chef takes makes room for one more, so the waiter's
    // tickets follow the first two, in order.
    for _ in 1..=5 {
        println!("chef took {:?}", rx.recv().unwrap());
    }
    waiter.join().unwrap();
    // ANCHOR_END: full

    // ANCHOR: chef_leaves
    // Fill the rail again, then start a waiter whose `send` will block.
    tx.send("table 6".to_string()).unwrap();
    tx.send("table 7".to_string()).unwrap();
    let blocked = {
        let tx = tx.clone();
        thread::spawn(move || tx.send("table 8".to_string()))
    };
    // Give the waiter a moment to block. The result below is the same if it
    // has not blocked yet: it then finds the receiver gone straight away.
    thread::sleep(Duration::from_millis(20));
    println!("chef goes home");
    drop(rx);
    match blocked.join().unwrap() {
        Ok(()) => println!("blocked send: Ok (wrong!)"),
        Err(SendError(ticket)) => println!("blocked send woken with Err, got back {ticket:?}"),
    }
    match tx.try_send("table 9".to_string()) {
        Err(TrySendError::Disconnected(ticket)) => {
            println!("try_send: Disconnected, got back {ticket:?}")
        }
        other => println!("try_send: {other:?} (wrong!)"),
    }
    // ANCHOR_END: chef_leaves
}
// ANCHOR_END: all
