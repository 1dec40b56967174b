use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::thread;

// A panic's payload is usually a String or a &str; show whichever it is.
fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(s) = payload.downcast_ref::<String>() {
        s
    } else if let Some(s) = payload.downcast_ref::<&str>() {
        s
    } else {
        "(not a string)"
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();

    // ANCHOR: send
    let (tx, _rx) = tokio::sync::mpsc::channel::<u32>(4);
    runtime.block_on(async {
        // Inside `block_on` this thread is driving async code, so the
        // blocking call panics. `catch_unwind` stops the panic here.
        let result = panic::catch_unwind(AssertUnwindSafe(|| tx.blocking_send(1)));
        match result {
            Ok(_) => println!("blocking_send in async code: returned"),
            Err(payload) => println!(
                "blocking_send in async code panicked: {}",
                panic_message(payload.as_ref())
            ),
        }
    });
    // ANCHOR_END: send

    // ANCHOR: recv
    let (tx, mut rx) = tokio::sync::mpsc::channel::<u32>(4);
    tx.blocking_send(2).unwrap(); // fine: no runtime is running here
    let task = runtime.spawn(async move { rx.blocking_recv() });
    // The panic stays inside the task; awaiting its handle reports it.
    match runtime.block_on(task) {
        Ok(ticket) => println!("blocking_recv in a task: got {ticket:?}"),
        Err(e) if e.is_panic() => println!(
            "blocking_recv in a task panicked: {}",
            panic_message(e.into_panic().as_ref())
        ),
        Err(e) => println!("the task failed: {e}"),
    }
    // ANCHOR_END: recv

    // ANCHOR: spawn_blocking
    // The way out: run blocking code on tokio's blocking thread pool.
    let (std_tx, std_rx) = std::sync::mpsc::channel::<&str>();
    let waiter = thread::spawn(move || std_tx.send("table 9: two espressos").unwrap());
    let ticket = runtime.block_on(async move {
        // The task awaits the JoinHandle; only a blocking-pool thread
        // sits in the std `recv`.
        tokio::task::spawn_blocking(move || std_rx.recv())
            .await
            .unwrap()
    });
    println!("spawn_blocking + std recv: got {ticket:?}");
    waiter.join().unwrap();
    // ANCHOR_END: spawn_blocking
}
