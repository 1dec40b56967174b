// ANCHOR: all
use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel();
    let waiter = thread::spawn(move || {
        let ticket = String::from("table 7: pasta");
        // The original goes to the chef; the waiter keeps its own copy.
        let pad = ticket.clone();
        tx.send(ticket).unwrap();
        println!("waiter sent {pad}");
    });

    println!("chef cooks {}", rx.recv().unwrap());
    waiter.join().unwrap();
}
// ANCHOR_END: all
