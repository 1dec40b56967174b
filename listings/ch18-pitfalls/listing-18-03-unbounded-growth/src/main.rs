// ANCHOR: all
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, TrySendError};
use std::thread::{self, JoinHandle};

const TICKETS: usize = 1000;

// ANCHOR: chef
/// A chef who cannot start until the kitchen door opens: a stand-in for a
/// consumer that is slower than its producer. Counts every ticket it takes.
fn held_back_chef(
    rail: Receiver<usize>,
    door: Receiver<()>,
    received: Arc<AtomicUsize>,
) -> JoinHandle<()> {
    thread::spawn(move || {
        door.recv().unwrap();
        for _ticket in rail {
            received.fetch_add(1, Ordering::SeqCst);
        }
    })
}
// ANCHOR_END: chef

fn unbounded() {
    // ANCHOR: unbounded
    let (tx, rx) = mpsc::channel();
    let (door, door_rx) = mpsc::channel();
    let received = Arc::new(AtomicUsize::new(0));
    let chef = held_back_chef(rx, door_rx, Arc::clone(&received));

    // `Sender::send` never waits, so the waiter races ahead of the chef.
    let mut sent = 0;
    for ticket in 0..TICKETS {
        tx.send(ticket).unwrap();
        sent += 1;
    }
    let got = received.load(Ordering::SeqCst);
    println!(
        "channel(): {sent} sent, received {got}: {} waiting",
        sent - got
    );
    // ANCHOR_END: unbounded

    drop(tx);
    door.send(()).unwrap();
    chef.join().unwrap();
    println!(
        "  door opens: the chef cooks all {}",
        received.load(Ordering::SeqCst)
    );
}

fn bounded() {
    // ANCHOR: bounded
    let (tx, rx) = mpsc::sync_channel(8);
    let (door, door_rx) = mpsc::channel();
    let received = Arc::new(AtomicUsize::new(0));
    let chef = held_back_chef(rx, door_rx, Arc::clone(&received));

    // `try_send` shows where `send` would start to wait: at the ninth ticket.
    let mut sent = 0;
    loop {
        match tx.try_send(sent) {
            Ok(()) => sent += 1,
            // `Full` hands the ticket back; the waiter below sends it again.
            Err(TrySendError::Full(_ticket)) => break,
            Err(TrySendError::Disconnected(_)) => unreachable!("the chef holds the Receiver"),
        }
    }
    let got = received.load(Ordering::SeqCst);
    println!(
        "sync_channel(8): Full after {sent} sent, received {got}: {} waiting",
        sent - got
    );
    // ANCHOR_END: bounded

    // ANCHOR: backpressure
    // From here on the waiter uses `send`, which waits whenever the rail is
    // full: it can only go as fast as the chef.
    let waiter = thread::spawn(move || {
        for ticket in sent..TICKETS {
            tx.send(ticket).unwrap();
        }
    });
    door.send(()).unwrap();
    waiter.join().unwrap();
    chef.join().unwrap();
    println!(
        "  door opens: the chef cooks all {}",
        received.load(Ordering::SeqCst)
    );
    // ANCHOR_END: backpressure
}

fn main() {
    unbounded();
    bounded();
}
// ANCHOR_END: all
