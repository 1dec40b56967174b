// ANCHOR: starter
use std::thread;
use tokio::sync::mpsc::{self, Receiver, Sender};

/// The kitchen: plates every order it receives, in order, and sends the
/// dish on. It runs as a task, and ends when the orders channel is closed.
pub async fn kitchen(mut orders: Receiver<String>, dishes: Sender<String>) {
    // TODO: this compiles, but it runs inside the runtime, where the
    // blocking methods panic. Wait the async way.
    while let Some(order) = orders.blocking_recv() {
        dishes.blocking_send(format!("{order} (plated)")).unwrap();
    }
}

/// Sends `orders` from a terminal thread, through `kitchen` on a tokio
/// runtime, to a pass thread, and returns the dishes the pass received.
pub fn serve(orders: Vec<String>) -> Vec<String> {
    let (order_tx, order_rx) = mpsc::channel(4);
    let (dish_tx, dish_rx) = mpsc::channel::<String>(4);

    // Plain threads are outside the runtime: they use the blocking methods.
    let terminal = thread::spawn(move || {
        for order in orders {
            order_tx.blocking_send(order).unwrap();
        }
    });
    let pass = thread::spawn(move || {
        // TODO: receive every dish, in order, until the kitchen closes
        // the channel, and return them.
        drop(dish_rx);
        Vec::new()
    });

    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(kitchen(order_rx, dish_tx));

    terminal.join().unwrap();
    pass.join().unwrap()
}
// ANCHOR_END: starter
