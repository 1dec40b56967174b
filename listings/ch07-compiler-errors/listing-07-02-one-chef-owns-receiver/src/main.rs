// ANCHOR: all
use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel::<String>();

    // The receiver is moved into the chef's thread: one owner, no sharing.
    let chef = thread::spawn(move || {
        let mut cooked = 0;
        for ticket in rx {
            println!("chef cooks {ticket}");
            cooked += 1;
        }
        cooked
    });

    // A Sender, unlike a Receiver, is Sync: both waiters borrow the same one.
    thread::scope(|s| {
        for waiter in ["Ana", "Ben"] {
            let tx = &tx;
            s.spawn(move || {
                for table in 1..=2 {
                    tx.send(format!("table {table} from {waiter}")).unwrap();
                }
            });
        }
    });

    // The waiters only borrowed `tx`; dropping it closes the channel.
    drop(tx);
    let cooked = chef.join().unwrap();
    println!("kitchen closed after {cooked} tickets");
}
// ANCHOR_END: all
