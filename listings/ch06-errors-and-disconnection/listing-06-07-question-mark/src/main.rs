// ANCHOR: all
use std::error::Error;
use std::sync::mpsc::{self, Sender};
use std::thread;

/// An order carries its own reply channel, so the kitchen can answer the
/// waiter who asked.
struct Order {
    dish: &'static str,
    reply: Sender<String>,
}

// ANCHOR: ask
/// Sends an order and waits for the plate. Either step can fail, and `?`
/// turns both error types into a `Box<dyn Error>`.
fn ask_kitchen(kitchen: &Sender<Order>, dish: &'static str) -> Result<String, Box<dyn Error>> {
    let (reply, plate) = mpsc::channel();
    // `SendError<Order>` implements `Error`: `?` boxes it (and the order in it).
    kitchen.send(Order { dish, reply })?;
    // `RecvError` too: it means the kitchen dropped our order unanswered.
    let plate = plate.recv()?;
    Ok(plate)
}
// ANCHOR_END: ask

fn main() {
    let (tx, rx) = mpsc::channel::<Order>();

    // ANCHOR: kitchen
    // The kitchen takes three orders a night, then closes and drops `rx`.
    let kitchen = thread::spawn(move || {
        for order in rx.iter().take(3) {
            if order.dish == "durian pizza" {
                // Skipping the order drops it, and its `reply` Sender with it.
                continue;
            }
            // The waiter might have given up; then nobody needs the plate.
            let _ = order.reply.send(format!("a plate of {}", order.dish));
        }
    });
    // ANCHOR_END: kitchen

    // ANCHOR: main
    for dish in ["soup", "durian pizza", "steak"] {
        match ask_kitchen(&tx, dish) {
            Ok(plate) => println!("{dish}: {plate}"),
            Err(err) => println!("{dish}: failed: {err}"),
        }
    }

    kitchen.join().unwrap();
    println!("the kitchen has closed");

    if let Err(err) = ask_kitchen(&tx, "pie") {
        println!("pie: failed: {err}");
    }
    // ANCHOR_END: main
}
// ANCHOR_END: all
