// ANCHOR: solution
use std::thread;
use tokio::sync::mpsc::{self, Receiver, Sender};

/// The kitchen: plates every order it receives, in order, and sends the
/// dish on. It runs as a task, and ends when the orders channel is closed.
pub async fn kitchen(mut orders: Receiver<String>, dishes: Sender<String>) {
    // In a task, wait with `.await`: it gives the thread back to the
    // runtime while there is nothing to do.
    while let Some(order) = orders.recv().await {
        if dishes.send(format!("{order} (plated)")).await.is_err() {
            break; // nobody is at the pass any more
        }
    }
    // `dishes` is dropped here, which closes the channel to the pass.
}

/// Sends `orders` from a terminal thread, through `kitchen` on a tokio
/// runtime, to a pass thread, and returns the dishes the pass received.
pub fn serve(orders: Vec<String>) -> Vec<String> {
    let (order_tx, order_rx) = mpsc::channel(4);
    let (dish_tx, mut dish_rx) = mpsc::channel(4);

    // Plain threads are outside the runtime: they use the blocking methods.
    let terminal = thread::spawn(move || {
        for order in orders {
            order_tx.blocking_send(order).unwrap();
        }
    });
    let pass = thread::spawn(move || {
        let mut served = Vec::new();
        while let Some(dish) = dish_rx.blocking_recv() {
            served.push(dish);
        }
        served
    });

    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(kitchen(order_rx, dish_tx));

    terminal.join().unwrap();
    pass.join().unwrap()
}
// ANCHOR_END: solution
