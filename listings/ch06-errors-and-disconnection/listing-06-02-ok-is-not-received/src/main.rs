// ANCHOR: all
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

// ANCHOR: ticket
/// A ticket that speaks up when it is dropped without being cooked.
struct Ticket {
    table: u32,
    cooked: bool,
    thrown_away: Arc<AtomicUsize>,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        if !self.cooked {
            self.thrown_away.fetch_add(1, Ordering::SeqCst);
            println!("  ticket for table {} dropped unread", self.table);
        }
    }
}
// ANCHOR_END: ticket

fn main() {
    let thrown_away = Arc::new(AtomicUsize::new(0));
    let (tx, rx) = mpsc::channel();

    // ANCHOR: send
    for table in 1..=3 {
        let ticket = Ticket {
            table,
            cooked: false,
            thrown_away: Arc::clone(&thrown_away),
        };
        // `Ok` only says the rail was open: the ticket is queued, not read.
        let result = tx.send(ticket);
        println!("table {table}: send returned {result:?}");
    }
    // ANCHOR_END: send

    // ANCHOR: drop
    let mut first = rx.recv().unwrap();
    first.cooked = true;
    println!("chef cooks table {}", first.table);
    drop(first);

    println!("chef goes home and drops the receiver:");
    drop(rx);
    println!("receiver dropped");
    // ANCHOR_END: drop

    // `tx` is still alive here, so it was the Receiver's drop, not the end
    // of the program, that threw the two tickets away.
    println!(
        "tickets sent with Ok but never read: {}",
        thrown_away.load(Ordering::SeqCst)
    );
    drop(tx);
}
// ANCHOR_END: all
