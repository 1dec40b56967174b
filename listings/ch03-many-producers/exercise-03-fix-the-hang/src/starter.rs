// ANCHOR: starter
use std::collections::BTreeMap;
use std::sync::mpsc;
use std::thread;

/// Each inner `Vec` is one waiter's tickets, given as table numbers. Every
/// waiter sends its tickets to a chef thread, which counts how many tickets
/// each table ordered. Returns the counts once every waiter is done.
pub fn tickets_per_table(waiters: Vec<Vec<u8>>) -> BTreeMap<u8, usize> {
    let (tx, rx) = mpsc::channel::<u8>();

    let chef = thread::spawn(move || {
        let mut counts = BTreeMap::new();
        // Ends when the rail is empty and every Sender is gone.
        for table in rx {
            *counts.entry(table).or_insert(0) += 1;
        }
        counts
    });

    for tickets in waiters {
        let tx = tx.clone();
        thread::spawn(move || {
            for table in tickets {
                tx.send(table).unwrap();
            }
        });
    }

    // TODO: every waiter has its tickets, yet this call never returns.
    // Find the Sender that keeps the chef waiting and fix it.
    chef.join().unwrap()
}
// ANCHOR_END: starter
