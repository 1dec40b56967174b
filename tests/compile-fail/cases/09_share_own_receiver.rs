use listing_19_01_mutex_condvar::channel;
use std::thread;

fn main() {
    let (tx, rx) = channel::<String>();
    tx.send("ticket 1".to_string()).unwrap();
    drop(tx);

    // The same mistake as with std's receiver: two chefs borrow one receiver.
    let rx = &rx;
    thread::scope(|s| {
        for chef in ["grill", "fryer"] {
            s.spawn(move || {
                while let Ok(ticket) = rx.recv() {
                    println!("{chef} cooks {ticket}");
                }
            });
        }
    });
}
