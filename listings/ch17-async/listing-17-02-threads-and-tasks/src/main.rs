use std::thread;
use tokio::sync::mpsc;

// ANCHOR: types
struct Order {
    table: u32,
    dish: &'static str,
}

struct Dish {
    table: u32,
    plated: String,
}
// ANCHOR_END: types

fn main() {
    // ANCHOR: channels
    // Bounded tokio channels: a full buffer makes the sender wait, on
    // either side of the bridge.
    let (order_tx, mut order_rx) = mpsc::channel::<Order>(4);
    let (dish_tx, mut dish_rx) = mpsc::channel::<Dish>(4);
    // ANCHOR_END: channels

    // ANCHOR: terminal
    // A plain thread, outside any runtime: it may block, so it uses the
    // blocking versions of tokio's methods.
    let terminal = thread::spawn(move || {
        let orders = [(3, "gnocchi"), (5, "carbonara"), (3, "affogato")];
        for (table, dish) in orders {
            order_tx.blocking_send(Order { table, dish }).unwrap();
        }
        // `order_tx` is dropped here: the kitchen task will see the end.
    });
    // ANCHOR_END: terminal

    // ANCHOR: pass
    let pass = thread::spawn(move || {
        // `blocking_recv` returns None once every Sender is gone, like
        // `recv` returning Err on a std channel.
        while let Some(dish) = dish_rx.blocking_recv() {
            println!("pass: table {} gets {}", dish.table, dish.plated);
        }
        println!("pass: kitchen closed");
    });
    // ANCHOR_END: pass

    // ANCHOR: kitchen
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .unwrap();
    runtime.block_on(async move {
        let kitchen = tokio::spawn(async move {
            // Inside a task: `.await` instead of blocking.
            while let Some(order) = order_rx.recv().await {
                let plated = format!("{} (plated)", order.dish);
                let dish = Dish {
                    table: order.table,
                    plated,
                };
                dish_tx.send(dish).await.unwrap();
            }
            // Dropping `dish_tx` here closes the channel to the pass.
        });
        kitchen.await.unwrap();
    });
    // ANCHOR_END: kitchen

    terminal.join().unwrap();
    pass.join().unwrap();
}
