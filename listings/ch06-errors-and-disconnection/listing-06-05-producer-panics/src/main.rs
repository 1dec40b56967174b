// ANCHOR: all
use std::any::Any;
use std::sync::mpsc;
use std::thread;

/// The text of a panic, which `panic!` stores as a `&str` or a `String`.
fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text
    } else {
        "(not a string)"
    }
}

fn main() {
    let (tx, rx) = mpsc::channel();

    // ANCHOR: waiters
    let steady_tx = tx.clone();
    let steady = thread::Builder::new()
        .name("steady-waiter".to_string())
        .spawn(move || {
            for dish in ["soup", "steak"] {
                steady_tx.send(format!("steady: {dish}")).unwrap();
            }
        })
        .unwrap();

    // The original `tx` moves into the second waiter, so no Sender stays
    // behind in `main`.
    let clumsy = thread::Builder::new()
        .name("clumsy-waiter".to_string())
        .spawn(move || {
            for dish in ["salad", "cake", "pie"] {
                if dish == "cake" {
                    // Unwinding drops everything this thread owns, `tx` too.
                    panic!("dropped the tray carrying {dish}");
                }
                tx.send(format!("clumsy: {dish}")).unwrap();
            }
        })
        .unwrap();
    // ANCHOR_END: waiters

    // ANCHOR: chef
    // This loop ends because the panicking thread's Sender was dropped too.
    for ticket in rx {
        println!("chef got: {ticket}");
    }
    println!("rail closed: no Sender is left");
    // ANCHOR_END: chef

    // ANCHOR: join
    for (name, waiter) in [("steady", steady), ("clumsy", clumsy)] {
        match waiter.join() {
            Ok(()) => println!("{name} waiter finished normally"),
            Err(payload) => println!("{name} waiter panicked: {}", panic_message(&*payload)),
        }
    }
    // ANCHOR_END: join
}
// ANCHOR_END: all
