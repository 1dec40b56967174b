// ANCHOR: all
use std::sync::mpsc::{self, SendError};
use std::thread;

fn main() {
    // ANCHOR: chef
    // A rendezvous channel: `send` returns only once the chef has taken the
    // ticket, which keeps this example's output the same on every run.
    let (tx, rx) = mpsc::sync_channel::<&str>(0);

    let chef = thread::Builder::new()
        .name("chef".to_string())
        .spawn(move || {
            for dish in rx {
                if dish == "durian pizza" {
                    // Unwinding drops `rx`, so the rail closes.
                    panic!("no recipe for {dish}");
                }
                // Cooking happens here.
            }
        })
        .unwrap();
    // ANCHOR_END: chef

    // ANCHOR: waiter
    let mut handed_back = Vec::new();
    for dish in ["soup", "durian pizza", "steak", "pie"] {
        match tx.send(dish) {
            Ok(()) => println!("waiter: the chef took {dish}"),
            Err(SendError(dish)) => {
                println!("waiter: no chef, {dish} came back");
                handed_back.push(dish);
            }
        }
    }
    // ANCHOR_END: waiter

    // ANCHOR: join
    match chef.join() {
        Ok(()) => println!("the chef finished normally"),
        Err(_) => println!("the chef's thread panicked"),
    }
    println!("orders to hand to another kitchen: {handed_back:?}");
    // ANCHOR_END: join
}
// ANCHOR_END: all
