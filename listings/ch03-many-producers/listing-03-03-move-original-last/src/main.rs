use std::sync::mpsc::{self, Sender};
use std::thread;

// ANCHOR: waiter
fn take_orders(name: &'static str, tables: [u32; 2], tx: Sender<String>) {
    for table in tables {
        tx.send(format!("{name}: table {table}")).unwrap();
    }
}
// ANCHOR_END: waiter

fn main() {
    // ANCHOR: spawn
    let (tx, rx) = mpsc::channel();

    // The first two waiters get clones...
    let ana_tx = tx.clone();
    let ben_tx = tx.clone();
    let ana = thread::spawn(move || take_orders("Ana", [1, 2], ana_tx));
    let ben = thread::spawn(move || take_orders("Ben", [3, 4], ben_tx));
    // ...and the last one gets the original. Main keeps no Sender at all.
    let caro = thread::spawn(move || take_orders("Caro", [5, 6], tx));
    // ANCHOR_END: spawn

    // ANCHOR: chef
    // Ends on its own once all three waiters are done and their Senders
    // are dropped.
    for ticket in rx {
        println!("chef: {ticket}");
    }
    println!("rail closed: every waiter has gone home");
    // ANCHOR_END: chef

    for waiter in [ana, ben, caro] {
        waiter.join().unwrap();
    }
}
