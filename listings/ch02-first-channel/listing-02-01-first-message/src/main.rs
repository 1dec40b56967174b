// ANCHOR: all
use std::sync::mpsc;
use std::thread;

fn main() {
    // ANCHOR: channel
    // One call makes both ends of the rail: `tx` to put tickets on it,
    // `rx` to take them off.
    let (tx, rx) = mpsc::channel();
    // ANCHOR_END: channel

    // ANCHOR: spawn
    // `move` hands `tx` to the waiter thread; from now on only the waiter
    // can send with it.
    let waiter = thread::spawn(move || {
        tx.send(String::from("table 4: one margherita")).unwrap();
    });
    // ANCHOR_END: spawn

    // ANCHOR: recv
    // The chef (the main thread) waits here until a ticket is on the rail.
    let ticket = rx.recv().unwrap();
    println!("chef got: {ticket}");
    // ANCHOR_END: recv

    waiter.join().unwrap();
}
// ANCHOR_END: all
