// ANCHOR: all
use std::sync::mpsc::{self, TrySendError};
use std::thread;

fn main() {
    // ANCHOR: trap
    // A rendezvous rail: no clips at all, a ticket passes from hand to hand.
    let (tx, rx) = mpsc::sync_channel::<&str>(0);
    // `tx.send("soup")` would wait for a receiver. The only receiver is `rx`,
    // on this same thread, which would be stuck inside `send`: it would never
    // return. `try_send` asks the same question without waiting.
    match tx.try_send("soup") {
        Err(TrySendError::Full(dish)) => {
            println!(
                "sync_channel(0), one thread: try_send({dish:?}) is Full; send would block forever"
            );
        }
        other => println!("unexpected: {other:?}"),
    }
    // Full does not mean a ticket is waiting: the rail holds nothing at all.
    println!("  rx.try_recv() is {:?}", rx.try_recv());
    // ANCHOR_END: trap

    // ANCHOR: full
    // The same trap with room for one: the second ticket finds the rail full,
    // and only this thread could ever make room.
    let (tx, rx) = mpsc::sync_channel::<&str>(1);
    for dish in ["soup", "salad"] {
        match tx.try_send(dish) {
            Ok(()) => println!("sync_channel(1), one thread: {dish:?} fits"),
            Err(TrySendError::Full(dish)) => {
                println!("sync_channel(1), one thread: {dish:?} is Full; send would block forever");
            }
            Err(TrySendError::Disconnected(dish)) => println!("unexpected: {dish:?} refused"),
        }
    }
    println!("  recv takes {:?} off the rail", rx.recv().unwrap());
    // ANCHOR_END: full

    // ANCHOR: room
    // Fix 1: room for every ticket this thread sends before it receives.
    let (tx, rx) = mpsc::sync_channel(1);
    tx.send("soup").unwrap(); // returns at once: there is a free clip
    println!(
        "fix, sync_channel(1): send returned, recv got {:?}",
        rx.recv().unwrap()
    );
    // ANCHOR_END: room

    // ANCHOR: other_thread
    // Fix 2: keep the rendezvous, but send from another thread, so a receiver
    // can arrive while the sender waits.
    let (tx, rx) = mpsc::sync_channel(0);
    let waiter = thread::spawn(move || tx.send("soup").unwrap());
    println!(
        "fix, sync_channel(0) and a waiter thread: recv got {:?}",
        rx.recv().unwrap()
    );
    waiter.join().unwrap();
    // ANCHOR_END: other_thread
}
// ANCHOR_END: all
