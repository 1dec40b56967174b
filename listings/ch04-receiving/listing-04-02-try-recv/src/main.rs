// ANCHOR: all
use std::sync::mpsc::{self, TryRecvError};
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel();

    // ANCHOR: empty
    // Nothing has been sent yet, but `tx` is alive, so a ticket may still
    // come: the rail is merely empty. `try_recv` says so and returns at once.
    match rx.try_recv() {
        Ok(ticket) => println!("chef: unexpected ticket {ticket}"),
        Err(TryRecvError::Empty) => println!("chef: rail empty (Empty), chopping onions meanwhile"),
        Err(TryRecvError::Disconnected) => println!("chef: rail closed already?"),
    }
    // ANCHOR_END: empty

    let waiter = thread::spawn(move || {
        tx.send("table 7: omelette").unwrap();
        tx.send("table 7: toast").unwrap();
    });
    // After `join` both tickets are on the rail and the waiter's `tx`, the
    // only Sender, has been dropped. That makes the output below exact.
    waiter.join().unwrap();

    // ANCHOR: poll
    loop {
        match rx.try_recv() {
            Ok(ticket) => println!("chef: cooking {ticket}"),
            // Between tickets, a polling chef does other work and asks again.
            Err(TryRecvError::Empty) => println!("chef: rail empty (Empty), back to the onions"),
            // Empty AND no Sender left: asking again can never help.
            Err(TryRecvError::Disconnected) => {
                println!("chef: rail empty and closed (Disconnected), done");
                break;
            }
        }
    }
    // ANCHOR_END: poll
}
// ANCHOR_END: all
