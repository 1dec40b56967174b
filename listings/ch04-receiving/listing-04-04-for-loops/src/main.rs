// ANCHOR: all
use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel();

    let waiter = thread::spawn(move || {
        let lunch = ["soup", "salad", "last call"];
        let dinner = ["steak", "fish", "pie", "cheese"];
        for ticket in lunch.into_iter().chain(dinner) {
            tx.send(ticket).unwrap();
        }
    });

    // ANCHOR: borrow
    // `&rx` borrows the Receiver: each turn of the loop is a `recv`. We
    // leave with `break`, and `rx` is still ours afterwards.
    for ticket in &rx {
        println!("lunch: {ticket}");
        if ticket == "last call" {
            break;
        }
    }
    println!("-- break between shifts --");
    // ANCHOR_END: borrow

    // ANCHOR: iter
    // `rx.iter()` is the same iterator as `&rx`; as a method call it chains
    // nicely with iterator adapters. `take(2)` stops after two tickets.
    for ticket in rx.iter().take(2) {
        println!("dinner, first wave: {ticket}");
    }
    // ANCHOR_END: iter

    // ANCHOR: owned
    // `rx` by value: the loop owns the Receiver and ends only when every
    // Sender is gone and the rail is empty. After it, `rx` has been moved
    // and can no longer be used.
    for ticket in rx {
        println!("dinner, the rest: {ticket}");
    }
    println!("kitchen closed: the waiter left and the rail is empty");
    // ANCHOR_END: owned

    waiter.join().unwrap();
}
// ANCHOR_END: all
