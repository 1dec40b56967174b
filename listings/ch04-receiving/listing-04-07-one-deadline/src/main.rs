// ANCHOR: all
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// How long the chef collects tickets for this batch, in all.
const PATIENCE: Duration = Duration::from_millis(20);

fn main() {
    let (tx, rx) = mpsc::channel();
    // A waiter who never runs out of tickets: one every millisecond, until a
    // send fails because the chef has dropped the receiver.
    let waiter = thread::spawn(move || {
        let mut ticket = 0u32;
        while tx.send(ticket).is_ok() {
            ticket += 1;
            thread::sleep(Duration::from_millis(1));
        }
    });

    // ANCHOR: deadline
    let deadline = Instant::now() + PATIENCE;
    let mut batch = Vec::new();
    let ended = loop {
        // What is left of the patience: zero once the deadline has passed.
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(ticket) => batch.push(ticket),
            Err(e) => break e,
        }
    };
    // ANCHOR_END: deadline
    let stopped = Instant::now();
    println!("the loop ended with {ended:?}");
    println!("not before the deadline: {}", stopped >= deadline);
    // Plain subtraction saturates too in Rust 1.95, but may panic again in a
    // later version; `saturating_duration_since` promises zero.
    println!(
        "deadline - now, once passed: {:?}",
        deadline - Instant::now()
    );

    // The waiter is still sending; dropping the receiver makes its next
    // send fail, which is how it learns to stop.
    drop(rx);
    waiter.join().unwrap();
    println!("batch taken; the waiter has stopped");
}
// ANCHOR_END: all
