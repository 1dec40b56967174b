// ANCHOR: all
use std::sync::mpsc::{self, SendError, Sender};
use std::thread;

/// Tables 1 to 3 are served at lunch. The chef cooks exactly three tickets and
/// goes home, taking the Receiver with him. Returns the waiter's Sender and
/// how many tickets the chef cooked.
fn lunch_then_chef_leaves() -> (Sender<u32>, usize) {
    let (tx, rx) = mpsc::channel();
    let chef = thread::spawn(move || rx.iter().take(3).count());
    for table in 1..=3 {
        tx.send(table).unwrap();
    }
    // Waiting for the chef to leave makes every run the same: from here on,
    // the rail has no receiver.
    let cooked = chef.join().unwrap();
    (tx, cooked)
}

fn ignoring_errors() {
    let (tx, cooked) = lunch_then_chef_leaves();
    // ANCHOR: ignore
    let mut placed = 3;
    for table in 4..=10 {
        // The result says whether the ticket reached a rail. Nobody looks.
        let _ = tx.send(table);
        placed += 1;
    }
    // ANCHOR_END: ignore
    println!(
        "ignoring errors: placed {placed}, cooked {cooked}, lost {} without a word",
        placed - cooked
    );
}

fn handling_errors() {
    let (tx, cooked) = lunch_then_chef_leaves();
    // ANCHOR: handle
    let mut orders = 4..=10;
    let mut kept = Vec::new();
    for table in orders.by_ref() {
        if let Err(SendError(table)) = tx.send(table) {
            // The error gives the ticket back. Keep it and stop taking orders:
            // every later send would fail the same way.
            kept.push(table);
            break;
        }
    }
    kept.extend(orders);
    // ANCHOR_END: handle
    println!(
        "handling errors: cooked {cooked}, the rail closed at table {}",
        kept[0]
    );
    println!("  {} tickets kept for the next chef: {kept:?}", kept.len());
}

fn main() {
    ignoring_errors();
    handling_errors();
}
// ANCHOR_END: all
