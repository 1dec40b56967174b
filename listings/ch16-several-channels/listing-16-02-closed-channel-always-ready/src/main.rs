use crossbeam_channel::{select, unbounded};
use std::time::Duration;

fn main() {
    // ANCHOR: setup
    let (order_tx, orders) = unbounded::<&str>();
    let (_manager_tx, manager) = unbounded::<&str>();

    // The dining room sends three orders and closes for the night. The
    // manager's line stays open (we keep `_manager_tx`), but is quiet.
    for dish in ["margherita", "lasagna", "tiramisu"] {
        order_tx.send(dish).unwrap();
    }
    drop(order_tx);
    // ANCHOR_END: setup

    // ANCHOR: trap
    let mut closed_ready = 0;
    let mut quiet = 0;
    // A real loop would be `loop { ... }`; this one stops after 1000
    // turns so the program always ends.
    for _turn in 0..1000 {
        select! {
            recv(orders) -> msg => match msg {
                Ok(dish) => println!("order: {dish}"),
                // Closed and drained: this arm is ready on every turn.
                Err(_) => closed_ready += 1,
            },
            recv(manager) -> msg => println!("manager: {msg:?}"),
            default(Duration::from_millis(20)) => quiet += 1,
        }
    }
    println!("in 1000 turns the closed orders channel was ready {closed_ready} times");
    println!("the 20 ms quiet arm fired {quiet} times");
    // ANCHOR_END: trap
}
