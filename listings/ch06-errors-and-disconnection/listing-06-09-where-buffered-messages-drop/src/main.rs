// ANCHOR: all
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;
use std::thread;

/// A ticket that says when, and on which thread, it is dropped unread.
struct Ticket(&'static str);

impl Drop for Ticket {
    fn drop(&mut self) {
        let thread = thread::current();
        println!(
            "  {} dropped on thread '{}'",
            self.0,
            thread.name().unwrap_or("?")
        );
        if self.0 == "burnt toast" {
            panic!("the burnt toast will not go quietly");
        }
    }
}

fn main() {
    // ANCHOR: senders_gone
    let (tx, rx) = mpsc::channel();
    thread::Builder::new()
        .name("waiter".into())
        .spawn(move || {
            tx.send(Ticket("soup")).unwrap();
            tx.send(Ticket("pie")).unwrap();
        })
        .unwrap()
        .join()
        .unwrap();
    println!("the waiter and its Sender are gone; the tickets wait on the rail");
    thread::Builder::new()
        .name("closer".into())
        .spawn(move || {
            println!("closer drops the receiver:");
            drop(rx);
            println!("receiver dropped");
        })
        .unwrap()
        .join()
        .unwrap();
    // ANCHOR_END: senders_gone

    // ANCHOR: drop_panics
    let (tx, rx) = mpsc::channel();
    for dish in ["steak", "burnt toast", "salad", "tea"] {
        tx.send(Ticket(dish)).unwrap();
    }
    println!("main drops the receiver:");
    let dropped = panic::catch_unwind(AssertUnwindSafe(|| drop(rx)));
    println!("drop(rx) panicked: {}", dropped.is_err());
    println!("salad and tea were never dropped: leaked with the rail's memory");
    drop(tx);
    // ANCHOR_END: drop_panics
}
// ANCHOR_END: all
