// ANCHOR: all
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

fn main() {
    let (tx, rx) = mpsc::channel();

    let waiter_tx = tx.clone();
    let waiter = thread::spawn(move || {
        waiter_tx.send("table 2: steak, rare").unwrap();
        waiter_tx.send("table 5: fish").unwrap();
    });
    waiter.join().unwrap();

    // ANCHOR: chef
    // The chef keeps `tx` so it can put a ticket back on its own rail.
    // That one Sender is enough to keep the rail open: once the tickets run
    // out, `rx.recv()` would wait forever for a ticket that only this
    // thread could send. `recv_timeout` lets the program show that and end.
    let mut refired = false;
    loop {
        match rx.recv_timeout(Duration::from_millis(20)) {
            Ok(ticket) => {
                println!("chef: cooking {ticket}");
                if ticket.starts_with("table 2") && !refired {
                    // Overcooked: back on the rail it goes.
                    tx.send("table 2: steak, rare (again)").unwrap();
                    refired = true;
                }
            }
            Err(RecvTimeoutError::Timeout) => {
                println!("chef: no ticket for 20 ms and the rail is still open (Timeout)");
                break;
            }
            Err(RecvTimeoutError::Disconnected) => {
                println!("chef: the rail is closed (Disconnected)");
                break;
            }
        }
    }
    // ANCHOR_END: chef

    // ANCHOR: fix
    // Done re-firing: drop the chef's own Sender. Now no Sender is left, so
    // the empty rail is closed and even a long timeout returns at once.
    drop(tx);
    let result = rx.recv_timeout(Duration::from_secs(5));
    println!("chef: after drop(tx): {result:?}");
    // ANCHOR_END: fix
}
// ANCHOR_END: all
