use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel();
    let waiter = thread::spawn(move || {
        let ticket = String::from("table 7: pasta");
        tx.send(ticket).unwrap();
        // Note the ticket in the waiter's pad once it is on the rail.
        println!("waiter sent {ticket}");
    });

    println!("chef cooks {}", rx.recv().unwrap());
    waiter.join().unwrap();
}
