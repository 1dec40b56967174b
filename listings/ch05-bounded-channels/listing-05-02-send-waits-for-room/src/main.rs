// ANCHOR: all
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

const ROOM: usize = 2;
const TICKETS: usize = 4;

fn main() {
    // ANCHOR: waiter
    let (tx, rx) = mpsc::sync_channel(ROOM);
    // A second, unbounded channel on which the waiter reports each `send`
    // that has returned. Only the main thread prints, so the output is exact.
    let (sent_tx, sent_rx) = mpsc::channel();

    let waiter = thread::spawn(move || {
        for n in 1..=TICKETS {
            tx.send(format!("table {n}: pasta")).unwrap();
            sent_tx.send(n).unwrap();
        }
    });
    // ANCHOR_END: waiter

    // ANCHOR: stuck
    // The chef has not taken anything yet, so the first two sends return.
    let mut sent = 0;
    for _ in 0..ROOM {
        sent = sent_rx.recv().unwrap();
        println!("waiter: ticket {sent} is on the rail");
    }
    // The third send cannot return: the rail is full and only this thread
    // could empty it. Waiting 30 ms merely lets us watch it not happen.
    match sent_rx.recv_timeout(Duration::from_millis(30)) {
        Err(RecvTimeoutError::Timeout) => {
            println!("waiter: send for ticket 3 has not returned, the rail is full");
        }
        other => println!("unexpected: {other:?}"),
    }
    // ANCHOR_END: stuck

    // ANCHOR: drain
    // Every ticket the chef takes lets exactly one blocked send finish, so
    // the waiter is never more than ROOM tickets ahead of the chef.
    let mut taken = 0;
    while taken < TICKETS {
        let ticket = rx.recv().unwrap();
        taken += 1;
        println!("chef: took {ticket}");
        if sent < TICKETS {
            sent = sent_rx.recv().unwrap();
            println!("waiter: ticket {sent} is on the rail");
        }
        assert!(sent - taken <= ROOM, "the waiter got too far ahead");
    }
    // ANCHOR_END: drain
    waiter.join().unwrap();
    println!("all {TICKETS} tickets cooked; the waiter was never more than {ROOM} ahead");
}
// ANCHOR_END: all
