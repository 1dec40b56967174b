// ANCHOR: all
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::thread;

const BILLS: [u32; 5] = [42, 18, 67, 25, 31];

// ANCHOR: bookkeeper
/// Copies every bill into the ledger. Writing is slow: the bookkeeper waits
/// for the ledger to be ready (`ready`). In a real program that would be a
/// disk or a network; here `main` controls it, so every run is the same.
fn bookkeeper(bills: Receiver<u32>, ready: Receiver<()>, written: &AtomicUsize) {
    // `recv` returns when `main` sends or drops its end: either opens the gate.
    let _ = ready.recv();
    for _bill in bills {
        written.fetch_add(1, Ordering::SeqCst);
    }
}
// ANCHOR_END: bookkeeper

fn never_joined() {
    // ANCHOR: detached
    let written = Arc::new(AtomicUsize::new(0));
    let (bills, bills_rx) = mpsc::channel();
    // Nobody makes the ledger ready before `main` reaches its end.
    let (_ready, ready_rx) = mpsc::channel::<()>();
    let count = Arc::clone(&written);
    // The JoinHandle is thrown away: nobody can ever wait for this thread.
    thread::spawn(move || bookkeeper(bills_rx, ready_rx, &count));

    for bill in BILLS {
        bills.send(bill).unwrap();
    }
    // This is where `main` would return, and the process would end with it,
    // taking the unfinished bookkeeper along.
    let done = written.load(Ordering::SeqCst);
    println!(
        "never joined: {done} of {} bills in the ledger",
        BILLS.len()
    );
    // ANCHOR_END: detached
}

fn joined() {
    // ANCHOR: joined
    let written = Arc::new(AtomicUsize::new(0));
    let (bills, bills_rx) = mpsc::channel();
    let (ready, ready_rx) = mpsc::channel::<()>();
    let count = Arc::clone(&written);
    let bookkeeper = thread::spawn(move || bookkeeper(bills_rx, ready_rx, &count));

    for bill in BILLS {
        bills.send(bill).unwrap();
    }
    drop(bills); // close the rail, so the bookkeeper's loop can end
    drop(ready); // the slow ledger becomes ready, sooner or later
    bookkeeper.join().unwrap(); // ...and `join` waits for it, however long
    let done = written.load(Ordering::SeqCst);
    println!(
        "joined:       {done} of {} bills in the ledger",
        BILLS.len()
    );
    // ANCHOR_END: joined
}

fn scoped() {
    // ANCHOR: scoped
    // No Arc needed: the scope guarantees the thread ends before `written` does.
    let written = AtomicUsize::new(0);
    thread::scope(|s| {
        let (bills, bills_rx) = mpsc::channel();
        let (ready, ready_rx) = mpsc::channel::<()>();
        s.spawn(|| bookkeeper(bills_rx, ready_rx, &written));
        for bill in BILLS {
            bills.send(bill).unwrap();
        }
        drop(bills);
        drop(ready);
    }); // Every thread spawned in the scope is joined here, automatically.
    let done = written.load(Ordering::SeqCst);
    println!(
        "scoped:       {done} of {} bills in the ledger",
        BILLS.len()
    );
    // ANCHOR_END: scoped
}

fn main() {
    never_joined();
    joined();
    scoped();
}
// ANCHOR_END: all
