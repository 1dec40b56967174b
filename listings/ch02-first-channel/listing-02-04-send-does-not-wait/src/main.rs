// ANCHOR: all
use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel();

    let waiter = thread::spawn(move || {
        for table in [3, 8, 5] {
            tx.send(format!("table {table}: soup of the day")).unwrap();
            println!("waiter: ticket for table {table} is on the rail");
        }
        println!("waiter: all done, going home");
    });

    // Nobody has called `recv` yet. If `send` waited for the chef, the
    // waiter could never finish and this `join` would wait forever.
    waiter.join().unwrap();
    println!("chef: the waiter has gone home; now I look at the rail");

    // The tickets were kept on the rail, in the order they were sent.
    for _ in 0..3 {
        let ticket = rx.recv().unwrap();
        println!("chef: cooking {ticket}");
    }
}
// ANCHOR_END: all
