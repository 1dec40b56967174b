// ANCHOR: all
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

fn main() {
    let (tx, rx) = mpsc::channel();

    // ANCHOR: waiter
    let waiter = thread::spawn(move || {
        for dish in ["soup", "steak", "pie"] {
            tx.send(dish).unwrap();
        }
        // The thread ends here and drops `tx`, the only Sender.
    });
    // Once `join` returns, the waiter is gone for sure, before the chef
    // has read a single ticket.
    waiter.join().unwrap();
    println!("no Sender is left; the chef starts reading");
    // ANCHOR_END: waiter

    // ANCHOR: drain
    loop {
        let result = rx.recv();
        println!("recv: {result:?}");
        if result.is_err() {
            break;
        }
    }
    // ANCHOR_END: drain

    // ANCHOR: after
    // Now the rail is empty AND closed, and every way of asking says so
    // at once: nothing here waits, not even `recv_timeout`.
    println!("try_recv: {:?}", rx.try_recv());
    println!(
        "recv_timeout: {:?}",
        rx.recv_timeout(Duration::from_secs(1))
    );
    println!("iter: {} more tickets", rx.iter().count());
    // ANCHOR_END: after
}
// ANCHOR_END: all
