use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

fn main() {
    // ANCHOR: typed
    // `parse` can produce many number types and `println!` accepts any of
    // them, so nothing below tells the compiler what the rail carries.
    // Naming the type on the `let` settles it.
    let (tx, rx): (Sender<u8>, Receiver<u8>) = mpsc::channel();

    let waiter = thread::spawn(move || {
        // Table numbers come off the order pad as text.
        for pad_entry in ["4", "12", "7"] {
            tx.send(pad_entry.parse().unwrap()).unwrap();
        }
    });
    // ANCHOR_END: typed

    for _ in 0..3 {
        let table = rx.recv().unwrap();
        println!("chef: new ticket for table {table}");
    }
    waiter.join().unwrap();
}
