// ANCHOR: all
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration;

// ANCHOR: desk
/// The phone desk takes takeaway orders and clips them to the rail. It owns a
/// `Sender`, so for as long as a `PhoneDesk` exists, the rail stays open.
struct PhoneDesk {
    rail: Sender<String>,
}

impl PhoneDesk {
    fn take_call(&self, dish: &str) {
        self.rail.send(format!("phone: {dish}")).unwrap();
    }
}
// ANCHOR_END: desk

// ANCHOR: chef
/// Cooks like `for ticket in rx` would, except that 50 ms of silence ends the
/// shift instead of hanging the program. Says how the shift ended.
fn chef_shift(rx: &Receiver<String>) -> String {
    let mut cooked = 0;
    loop {
        match rx.recv_timeout(Duration::from_millis(50)) {
            Ok(_ticket) => cooked += 1,
            Err(RecvTimeoutError::Disconnected) => {
                return format!("cooked {cooked}, then the rail closed (a for loop ends here)");
            }
            Err(RecvTimeoutError::Timeout) => {
                return format!(
                    "cooked {cooked}, then silence, rail still open (a for loop hangs here)"
                );
            }
        }
    }
}
// ANCHOR_END: chef

/// Two waiters with a clone each send two tickets. They are joined before this
/// returns, so afterwards a quiet rail means no waiter will ever send again.
fn run_waiters(tx: &Sender<String>) {
    let waiters: Vec<_> = (1..=2)
        .map(|waiter| {
            let tx = tx.clone();
            thread::spawn(move || {
                for table in 1..=2 {
                    tx.send(format!("waiter {waiter}: table {table}")).unwrap();
                }
            })
        })
        .collect();
    for waiter in waiters {
        waiter.join().unwrap();
    }
}

fn hidden_senders() {
    // ANCHOR: hidden
    let (tx, rx) = mpsc::channel();
    let desk = PhoneDesk { rail: tx.clone() };
    // A `move` closure owns what it captures: this one owns a Sender.
    let refire = {
        let rail = tx.clone();
        move |dish: &str| rail.send(format!("refire: {dish}")).unwrap()
    };

    run_waiters(&tx);
    drop(tx); // The original is gone, as Chapter 3 taught...
    desk.take_call("noodle soup");
    refire("steak");

    // ...but `desk` and `refire` each still own a Sender, and they live until
    // the end of this function: after the chef's loop.
    println!("hidden senders: {}", chef_shift(&rx));
    // ANCHOR_END: hidden
}

fn scoped_senders() {
    // ANCHOR: scoped
    let (tx, rx) = mpsc::channel();
    {
        // Everything that owns a Sender lives inside this block.
        let desk = PhoneDesk { rail: tx.clone() };
        run_waiters(&tx);
        // The closure takes the original `tx` itself: no clone left behind.
        let refire = move |dish: &str| tx.send(format!("refire: {dish}")).unwrap();
        desk.take_call("noodle soup");
        refire("steak");
    } // `desk` and `refire` are dropped here, and their Senders with them.

    println!("scoped senders: {}", chef_shift(&rx));
    // ANCHOR_END: scoped
}

fn main() {
    hidden_senders();
    scoped_senders();
}
// ANCHOR_END: all
