// ANCHOR: all
use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel();

    let waiter_tx = tx.clone();
    let waiter = thread::spawn(move || {
        for dish in ["soup", "salad", "steak"] {
            waiter_tx.send(format!("table 1: {dish}")).unwrap();
        }
    });
    // After `join`, exactly three tickets are on the rail. The main thread
    // still owns `tx`, so the rail stays open.
    waiter.join().unwrap();

    // ANCHOR: try_iter
    // `try_iter` takes what is on the rail right now and stops at the first
    // moment it is empty, even though a Sender (`tx`) is still alive.
    let batch: Vec<String> = rx.try_iter().collect();
    println!("try_iter took {} tickets: {batch:?}", batch.len());

    // Nothing new arrived, so a second `try_iter` ends at once. (`iter`
    // here would wait forever: `tx` is alive and nobody else will send.)
    println!("try_iter again: {} tickets", rx.try_iter().count());
    // ANCHOR_END: try_iter

    // ANCHOR: iter
    tx.send(String::from("table 8: pie")).unwrap();
    tx.send(String::from("table 8: tea")).unwrap();
    drop(tx);

    // `iter` blocks while the rail is empty and a Sender is alive. Here no
    // Sender is left, so it hands over the two buffered tickets and ends.
    for ticket in rx.iter() {
        println!("iter: {ticket}");
    }
    println!("iter ended: the rail is empty and every Sender is gone");
    // ANCHOR_END: iter
}
// ANCHOR_END: all
