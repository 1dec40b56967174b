// ANCHOR: all
use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel();

    let waiter = thread::spawn(move || {
        for dish in ["soup", "steak", "pie"] {
            tx.send(format!("table 9: {dish}")).unwrap();
        }
        // `tx` is dropped here, when the waiter's thread ends.
    });

    // ANCHOR: loop
    // `recv` hands back the next ticket, waiting for one if the rail is
    // empty. It returns `Err` only once the rail is empty AND every Sender
    // is gone, so `Ok` keeps the loop going and `Err` ends it.
    while let Ok(ticket) = rx.recv() {
        println!("chef: cooking {ticket}");
    }
    println!("chef: recv returned Err, so no ticket can ever come again");
    // ANCHOR_END: loop

    waiter.join().unwrap();
}
// ANCHOR_END: all
