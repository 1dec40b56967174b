// ANCHOR: all
use std::thread;
use tokio::sync::mpsc::{self, error::TrySendError};

fn main() {
    let (orders_tx, mut orders) = mpsc::unbounded_channel();
    let (alerts_tx, mut alerts) = mpsc::channel(1);

    // ANCHOR: thread
    // A plain thread, no runtime in sight. Neither call is async and
    // neither waits: the unbounded send always has room, and `try_send`
    // answers `Full` at once when there is none.
    let terminal = thread::spawn(move || {
        for order in ["soup", "steak"] {
            orders_tx.send(order).unwrap();
        }
        println!(
            "terminal: alert 1 {:?}",
            alerts_tx.try_send("table 4 waiting")
        );
        match alerts_tx.try_send("table 9 waiting") {
            Err(TrySendError::Full(alert)) => println!("terminal: alert 2 Full, kept: {alert}"),
            other => println!("terminal: alert 2 {other:?}"),
        }
    });
    terminal.join().unwrap();
    // ANCHOR_END: thread

    // ANCHOR: task
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(async {
        while let Some(order) = orders.recv().await {
            println!("kitchen task: {order}");
        }
        while let Some(alert) = alerts.recv().await {
            println!("kitchen task: {alert}");
        }
    });
    // ANCHOR_END: task
}
// ANCHOR_END: all
