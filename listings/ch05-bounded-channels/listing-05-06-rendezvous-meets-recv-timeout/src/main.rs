// ANCHOR: all
use std::sync::mpsc::{self, RecvTimeoutError, TrySendError};
use std::thread;
use std::time::{Duration, Instant};

/// Bounds the polling loops below, so a broken channel fails instead of
/// spinning forever; a working one needs a tiny fraction of this.
const GIVE_UP: Duration = Duration::from_secs(10);

fn main() {
    // ANCHOR: blocked_sender
    // The waiter blocks in `send` until a receiver takes the ticket; a chef
    // waiting in `recv_timeout` is such a receiver.
    let (tx, rx) = mpsc::sync_channel(0);
    let waiter = thread::spawn(move || tx.send("soup"));
    println!("chef in recv_timeout: {:?}", rx.recv_timeout(GIVE_UP));
    println!("waiter's send: {:?}", waiter.join().unwrap());
    // ANCHOR_END: blocked_sender

    // ANCHOR: try_send
    // `try_send` on a rendezvous channel succeeds only while a receiver is
    // waiting. The waiter keeps trying; it succeeds once the chef waits in
    // `recv_timeout`.
    let (tx, rx) = mpsc::sync_channel(0);
    let waiter = thread::spawn(move || {
        let start = Instant::now();
        loop {
            match tx.try_send("steak") {
                Ok(()) => return "handed over",
                Err(TrySendError::Full(_)) if start.elapsed() < GIVE_UP => thread::yield_now(),
                Err(e) => panic!("gave up: {e}"),
            }
        }
    });
    println!("chef in recv_timeout: {:?}", rx.recv_timeout(GIVE_UP));
    println!("waiter's try_send: {}", waiter.join().unwrap());
    // ANCHOR_END: try_send

    // ANCHOR: zero
    // And the other way round: a zero timeout takes a ticket from a waiter
    // who is already blocked in `send`, and otherwise times out at once.
    let (tx, rx) = mpsc::sync_channel(0);
    let waiter = thread::spawn(move || tx.send("pie"));
    let start = Instant::now();
    let ticket = loop {
        match rx.recv_timeout(Duration::ZERO) {
            Err(RecvTimeoutError::Timeout) if start.elapsed() < GIVE_UP => thread::yield_now(),
            other => break other,
        }
    };
    println!("chef in recv_timeout(ZERO): {ticket:?}");
    println!("waiter's send: {:?}", waiter.join().unwrap());
    // ANCHOR_END: zero

    // ANCHOR: full
    // A full buffer is the same: the slot `recv_timeout` frees lets the
    // blocked waiter finish its send.
    let (tx, rx) = mpsc::sync_channel(1);
    tx.send("tea").unwrap();
    let waiter = thread::spawn(move || tx.send("coffee"));
    println!("chef in recv_timeout: {:?}", rx.recv_timeout(GIVE_UP));
    println!("chef in recv_timeout: {:?}", rx.recv_timeout(GIVE_UP));
    println!("waiter's send: {:?}", waiter.join().unwrap());
    // ANCHOR_END: full
}
// ANCHOR_END: all
