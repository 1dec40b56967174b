use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

fn main() {
    // ANCHOR: mistake
    let (tx, rx) = mpsc::channel();

    let mut waiters = Vec::new();
    for waiter in 1..=2 {
        // Following the popular advice: clone for everyone, never move the
        // original. `main` keeps `tx`.
        let tx = tx.clone();
        waiters.push(thread::spawn(move || {
            for ticket in 1..=2 {
                tx.send(format!("waiter {waiter} ticket {ticket}")).unwrap();
            }
        }));
    }
    // ANCHOR_END: mistake

    // Wait for the waiters first, so that a quiet rail below can only mean
    // "no more tickets are coming", never "a waiter is slow to start".
    for waiter in waiters {
        waiter.join().unwrap();
    }
    println!("main: both waiters have finished and dropped their Senders");

    // ANCHOR: bounded
    // `for ticket in &rx` would hang right here: the main thread still owns
    // `tx`, so the rail never closes. `recv_timeout` gives up after 50 ms,
    // which lets this program show the hang and still finish.
    loop {
        match rx.recv_timeout(Duration::from_millis(50)) {
            Ok(ticket) => println!("chef: {ticket}"),
            Err(RecvTimeoutError::Timeout) => {
                println!("chef: nothing for 50 ms, and the rail is still open (Timeout)");
                break;
            }
            Err(RecvTimeoutError::Disconnected) => {
                println!("chef: the rail is closed (Disconnected)");
                break;
            }
        }
    }
    // ANCHOR_END: bounded

    // ANCHOR: fix
    // The one Sender still alive is ours. Dropping it closes the rail.
    drop(tx);
    match rx.recv() {
        Ok(ticket) => println!("chef: unexpected ticket {ticket}"),
        Err(_) => println!("chef: after drop(tx), recv returns Err: the rail is closed"),
    }
    // ANCHOR_END: fix
}
