use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel::<String>();
    for n in 1..=4 {
        tx.send(format!("ticket {n}")).unwrap();
    }
    drop(tx);

    // Scoped threads may borrow, so both chefs borrow the one receiver.
    let rx = &rx;
    thread::scope(|s| {
        for chef in ["grill", "fryer"] {
            s.spawn(move || {
                for ticket in rx {
                    println!("{chef} cooks {ticket}");
                }
            });
        }
    });
}
