// ANCHOR: all
use std::sync::atomic::{AtomicU32, Ordering::Relaxed};
use std::sync::{Arc, mpsc};
use std::thread;

/// The board by the door, shared through an `Arc`. Its fields are atomics
/// written with `Relaxed`, the weakest ordering: on their own they promise
/// nothing about what another thread sees.
struct Board {
    soup_of_the_day: AtomicU32,
    tables_open: AtomicU32,
}

fn main() {
    let board = Arc::new(Board {
        soup_of_the_day: AtomicU32::new(0),
        tables_open: AtomicU32::new(0),
    });
    let (tx, rx) = mpsc::channel::<Vec<String>>();

    let waiter_board = Arc::clone(&board);
    let waiter = thread::spawn(move || {
        // ANCHOR: before
        // Writes made before the send: plain data that the message owns...
        let order = vec![String::from("soup"), String::from("bread")];
        // ...and Relaxed stores to atomics the chef reaches through its Arc.
        waiter_board.soup_of_the_day.store(7, Relaxed);
        waiter_board.tables_open.store(12, Relaxed);
        tx.send(order).unwrap();
        // ANCHOR_END: before
        // ANCHOR: after
        // A write made after the send: nothing orders it before the recv.
        waiter_board.tables_open.store(11, Relaxed);
        // ANCHOR_END: after
    });

    // ANCHOR: recv
    let order = rx.recv().unwrap();
    println!("order: {order:?}");
    // The send happens-before this recv, so both Relaxed stores made before
    // the send are visible here, on every run and every machine.
    println!("soup of the day: {}", board.soup_of_the_day.load(Relaxed));
    // The store made after the send may or may not be visible yet.
    let tables = board.tables_open.load(Relaxed);
    println!("tables open: {tables} (12 or 11: the store of 11 came after the send)");
    // `join` orders everything the waiter did before what follows it.
    waiter.join().unwrap();
    println!("after join: {}", board.tables_open.load(Relaxed));
    // ANCHOR_END: recv
}
// ANCHOR_END: all
