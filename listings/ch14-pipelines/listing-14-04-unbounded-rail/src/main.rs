// ANCHOR: all
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::Duration;

const ORDERS: usize = 20;
/// The cook is the slow station. (The sleep only makes the line visibly
/// uneven; no result below depends on how long it is.)
const COOKING: Duration = Duration::from_millis(2);

/// The order taker of Listing 14-2, with a `Sender`: its `send` never waits.
fn take_orders(out: Sender<usize>, sent: &AtomicUsize) {
    for order in 1..=ORDERS {
        out.send(order).unwrap();
        sent.fetch_add(1, Ordering::SeqCst);
    }
}

// ANCHOR: cook
/// Measures before each `recv`, as Listing 14-2's stations do. Returns the
/// first measurement and the largest.
fn cook(input: Receiver<usize>, supplier_sent: &AtomicUsize) -> (usize, usize) {
    let mut taken = 0;
    let mut first = None;
    let mut most_ahead = 0;
    loop {
        let ahead = supplier_sent.load(Ordering::SeqCst).saturating_sub(taken);
        first.get_or_insert(ahead);
        most_ahead = most_ahead.max(ahead);
        let Ok(order) = input.recv() else { break };
        taken += 1;
        assert_eq!(order, taken, "orders came out of order");
        thread::sleep(COOKING);
    }
    assert_eq!(taken, ORDERS, "an order was lost");
    (first.unwrap_or(0), most_ahead)
}
// ANCHOR_END: cook

fn main() {
    // ANCHOR: main
    let (orders_tx, orders_rx) = mpsc::channel();
    let taken_orders = AtomicUsize::new(0);
    let (first, most) = thread::scope(|s| {
        s.spawn(|| take_orders(orders_tx, &taken_orders));
        s.spawn(|| cook(orders_rx, &taken_orders)).join().unwrap()
    });
    println!("all {ORDERS} orders cooked, in order");
    println!("cook: take was {first} ahead at the first look, at most {most} ahead");
    // ANCHOR_END: main
}
// ANCHOR_END: all
