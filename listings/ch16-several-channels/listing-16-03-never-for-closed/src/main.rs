use crossbeam_channel::{Receiver, never, select, unbounded};
use std::thread;
use std::time::Duration;

// ANCHOR: sources
fn start_sources() -> (Receiver<&'static str>, Receiver<&'static str>) {
    let (order_tx, orders) = unbounded();
    let (note_tx, notes) = unbounded();
    thread::spawn(move || {
        for dish in ["margherita", "lasagna", "tiramisu"] {
            order_tx.send(dish).unwrap();
        }
    });
    thread::spawn(move || {
        for note in ["table 7 is a birthday", "we are out of basil"] {
            note_tx.send(note).unwrap();
        }
    });
    (orders, notes)
}
// ANCHOR_END: sources

fn main() {
    // ANCHOR: fix
    let (mut orders, mut notes) = start_sources();
    let mut open = 2;
    let mut closed_arms = 0;

    while open > 0 {
        select! {
            recv(orders) -> msg => match msg {
                Ok(dish) => println!("order: {dish}"),
                Err(_) => {
                    println!("orders: closed");
                    // A `never` receiver is never ready, so this arm
                    // drops out of the select from now on.
                    orders = never();
                    open -= 1;
                    closed_arms += 1;
                }
            },
            recv(notes) -> msg => match msg {
                Ok(note) => println!("manager: {note}"),
                Err(_) => {
                    println!("manager: closed");
                    notes = never();
                    open -= 1;
                    closed_arms += 1;
                }
            },
            // Runs only when nothing at all happens for a while.
            default(Duration::from_millis(200)) => println!("chef: quiet for 200 ms"),
        }
    }
    println!("both sources closed; the closed arms fired {closed_arms} times");
    // ANCHOR_END: fix
}
