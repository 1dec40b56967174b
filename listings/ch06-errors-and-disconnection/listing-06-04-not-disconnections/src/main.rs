// ANCHOR: all
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender, TryRecvError, TrySendError};
use std::time::Duration;

// ANCHOR: try-take
fn try_take(rx: &Receiver<&str>) {
    match rx.try_recv() {
        Ok(dish) => println!("  try_recv: got {dish}"),
        Err(TryRecvError::Empty) => {
            println!("  try_recv: Empty (a waiter is still connected; ask again later)")
        }
        Err(TryRecvError::Disconnected) => {
            println!("  try_recv: Disconnected (no Sender left, rail empty; stop)")
        }
    }
}
// ANCHOR_END: try-take

// ANCHOR: wait-briefly
fn wait_briefly(rx: &Receiver<&str>) {
    match rx.recv_timeout(Duration::from_millis(20)) {
        Ok(dish) => println!("  recv_timeout: got {dish}"),
        Err(RecvTimeoutError::Timeout) => {
            println!("  recv_timeout: Timeout (nothing within 20 ms; still connected)")
        }
        Err(RecvTimeoutError::Disconnected) => {
            println!("  recv_timeout: Disconnected (no Sender left, rail empty; stop)")
        }
    }
}
// ANCHOR_END: wait-briefly

// ANCHOR: try-pass
fn try_pass<'a>(tx: &SyncSender<&'a str>, dish: &'a str) {
    match tx.try_send(dish) {
        Ok(()) => println!("  try_send: {dish} is on the pass"),
        // Both error variants carry the dish, so the caller keeps it.
        Err(TrySendError::Full(dish)) => {
            println!("  try_send: Full, {dish} handed back (the chef is busy; retry later)")
        }
        Err(TrySendError::Disconnected(dish)) => {
            println!("  try_send: Disconnected, {dish} handed back (no Receiver left)")
        }
    }
}
// ANCHOR_END: try-pass

fn main() {
    // ANCHOR: receiving
    let (tx, rx) = mpsc::channel();
    println!("rail empty, waiter still on shift:");
    try_take(&rx);
    wait_briefly(&rx);

    println!("waiter sends soup and goes home:");
    tx.send("soup").unwrap();
    drop(tx);
    try_take(&rx);
    try_take(&rx);
    wait_briefly(&rx);
    // ANCHOR_END: receiving

    // ANCHOR: sending
    // A pass with room for one plate.
    let (tx, rx) = mpsc::sync_channel(1);
    println!("pass with one slot, chef at the stove:");
    try_pass(&tx, "steak");
    try_pass(&tx, "pie");
    println!("chef takes {}:", rx.recv().unwrap());
    try_pass(&tx, "pie");

    println!("chef goes home:");
    drop(rx);
    try_pass(&tx, "cake");
    // ANCHOR_END: sending
}
// ANCHOR_END: all
