// ANCHOR: all
use std::sync::Arc;
use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel();
    let chef = thread::spawn(move || {
        for order in rx {
            println!("chef cooks {order}");
        }
    });

    // Arc counts its owners with atomic operations, so its clones may live
    // on different threads.
    let order = Arc::new(String::from("table 4: soup"));
    let for_the_bill = Arc::clone(&order);
    tx.send(order).unwrap();
    drop(tx);

    chef.join().unwrap();
    println!("bill for {for_the_bill}");
    // The chef's handle was dropped with its loop; only ours is left.
    println!("owners left: {}", Arc::strong_count(&for_the_bill));
}
// ANCHOR_END: all
