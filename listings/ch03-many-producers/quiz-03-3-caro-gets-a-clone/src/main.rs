use std::sync::mpsc::{self, Sender};
use std::thread;

fn take_orders(name: &'static str, tables: [u32; 2], tx: Sender<String>) {
    for table in tables {
        tx.send(format!("{name}: table {table}")).unwrap();
    }
}

fn main() {
    let (tx, rx) = mpsc::channel();

    // The first two waiters get clones...
    // ANCHOR: shown
    let ana_tx = tx.clone();
    let ben_tx = tx.clone();
    let caro_tx = tx.clone();
    let ana = thread::spawn(move || take_orders("Ana", [1, 2], ana_tx));
    let ben = thread::spawn(move || take_orders("Ben", [3, 4], ben_tx));
    // Caro gets a clone too, so the original stays in main.
    let caro = thread::spawn(move || take_orders("Caro", [5, 6], caro_tx));

    // The chef's loop, as in Listing 3-3.
    for ticket in rx {
        println!("chef: {ticket}");
    }
    println!("rail closed: every waiter has gone home");
    // ANCHOR_END: shown

    for waiter in [ana, ben, caro] {
        waiter.join().unwrap();
    }
}
