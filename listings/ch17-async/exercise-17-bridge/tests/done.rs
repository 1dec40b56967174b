use exercise_17_bridge::{kitchen, serve};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

/// Runs `f` on a thread of its own and waits at most 5 s for it, so a
/// kitchen or a pass that waits forever fails the test instead of hanging it.
fn within_5s<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || done_tx.send(f()).unwrap());
    match done_rx.recv_timeout(Duration::from_secs(5)) {
        Ok(value) => value,
        Err(RecvTimeoutError::Timeout) => panic!(
            "no result within 5 s: is something waiting for a message that \
             never comes, or for a thread the runtime cannot run?"
        ),
        Err(RecvTimeoutError::Disconnected) => panic!("it panicked (see its message above)"),
    }
}

fn orders(n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("order {i}")).collect()
}

fn plated(orders: &[String]) -> Vec<String> {
    orders.iter().map(|o| format!("{o} (plated)")).collect()
}

#[test]
fn every_order_reaches_the_pass_in_order() {
    // Many more orders than either channel holds, so both the terminal and
    // the kitchen have to wait for room now and then.
    let sent = orders(50);
    let served = within_5s({
        let sent = sent.clone();
        move || serve(sent)
    });
    assert_eq!(served, plated(&sent));
}

#[test]
fn no_orders_means_no_dishes_and_an_end() {
    let served = within_5s(|| serve(Vec::new()));
    assert!(served.is_empty());
}

#[test]
fn the_kitchen_shares_its_thread_with_other_tasks() {
    // One thread runs both the kitchen task and this test's code, taking
    // turns: one order in, then wait for its dish, then the next order. If
    // the kitchen kept the thread while it waits, this could never work.
    let (served, kitchen) = within_5s(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(async {
            let (order_tx, order_rx) = tokio::sync::mpsc::channel(1);
            let (dish_tx, mut dish_rx) = tokio::sync::mpsc::channel(1);
            let task = tokio::spawn(kitchen(order_rx, dish_tx));
            let mut served = Vec::new();
            for order in orders(5) {
                if order_tx.send(order).await.is_err() {
                    break; // the kitchen dropped its Receiver
                }
                served.push(dish_rx.recv().await);
            }
            // Closing the orders must end the kitchen, which closes the dishes.
            drop(order_tx);
            served.push(dish_rx.recv().await);
            (served, task.await.map_err(|e| e.to_string()))
        })
    });
    if let Err(e) = kitchen {
        panic!("the kitchen task failed: {e}");
    }
    let mut expected: Vec<Option<String>> = plated(&orders(5)).into_iter().map(Some).collect();
    expected.push(None);
    assert_eq!(served, expected);
}
