// ANCHOR: all
use std::sync::mpsc::{self, TrySendError};
use std::thread;
use std::time::Duration;

fn main() {
    let (tx, rx) = mpsc::sync_channel(1);
    tx.send("first ticket").unwrap(); // the rail is full

    // ANCHOR: race
    let patient_tx = tx.clone();
    let patient = thread::spawn(move || {
        // Blocks: the rail is full.
        patient_tx.send("patient waiter's ticket").unwrap();
    });
    // Give the patient waiter time to block (nothing below depends on it).
    thread::sleep(Duration::from_millis(20));

    println!("chef took: {}", rx.recv().unwrap());
    // A slot is free, and the patient waiter has been woken. A newcomer who
    // asks right now may still get the slot first.
    match tx.try_send("newcomer's ticket") {
        Ok(()) => println!("the newcomer got the freed slot"),
        Err(TrySendError::Full(_)) => println!("the patient waiter got the freed slot"),
        Err(TrySendError::Disconnected(_)) => unreachable!("the chef still holds rx"),
    }
    // ANCHOR_END: race

    drop(tx);
    // Keep the rail moving so the patient waiter can finish either way.
    let rest = thread::spawn(move || rx.iter().collect::<Vec<_>>());
    patient.join().unwrap();
    for ticket in rest.join().unwrap() {
        println!("chef took: {ticket}");
    }
}
// ANCHOR_END: all
