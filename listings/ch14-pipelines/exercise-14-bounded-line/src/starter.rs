// ANCHOR: starter
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread;

/// What the pass served, and how the line behaved.
#[derive(Debug, Default)]
pub struct LineReport {
    /// The dishes the pass served, in the order it served them.
    pub served: Vec<String>,
    /// How many orders the order taker got onto the line.
    pub orders_sent: usize,
    /// The most orders the order taker was ever ahead of the cook.
    pub cook_high_water: usize,
    /// The most dishes the cook was ever ahead of the plater.
    pub plate_high_water: usize,
}

/// The first station (done): puts each order on the line, counts it once
/// `send` has returned, and stops early if the cook is gone.
pub fn take_orders(orders: Vec<u32>, out: SyncSender<u32>, sent: &AtomicUsize) {
    for order in orders {
        if out.send(order).is_err() {
            return;
        }
        sent.fetch_add(1, Ordering::SeqCst);
    }
}

/// A middle station: takes items from `input` until it is closed and empty,
/// passes each through `work`, and sends the result on `out`, counting each
/// item it got onto `out` in `sent`. Stops early if the next station is gone.
///
/// Returns its high-water mark: the most items its supplier was ever ahead,
/// that is, counted in `supplier_sent` but not yet taken by this station.
pub fn station<T, U>(
    input: Receiver<T>,
    supplier_sent: &AtomicUsize,
    out: SyncSender<U>,
    sent: &AtomicUsize,
    work: impl FnMut(T) -> U,
) -> usize {
    // TODO: loop until `input` is closed and empty. Each time round:
    // 1. Before receiving, measure: `supplier_sent` (load it with
    //    `Ordering::SeqCst`) minus the items taken so far is how many wait
    //    on the rail. Use `saturating_sub`; keep the largest value.
    // 2. Receive the next item and count it as taken.
    // 3. Send `work(item)` on `out`. If that fails, the next station is
    //    gone: stop. Otherwise count it in `sent` with `fetch_add`.
    // Return the largest value from step 1.
    let _ = (input, supplier_sent, out, sent, work);
    0
}

/// The whole line (done): order taker, cook, plater and the pass, joined by
/// rails with room for `room` items each. The pass serves at most `serve`
/// dishes and then closes, whether or not more are coming.
pub fn run_line(orders: Vec<u32>, room: usize, serve: usize) -> LineReport {
    let (orders_tx, orders_rx) = mpsc::sync_channel(room);
    let (cooked_tx, cooked_rx) = mpsc::sync_channel(room);
    let (plated_tx, plated_rx) = mpsc::sync_channel(room);
    let (taken, cooked, plated) = (
        AtomicUsize::new(0),
        AtomicUsize::new(0),
        AtomicUsize::new(0),
    );
    let mut report = thread::scope(|s| {
        s.spawn(|| take_orders(orders, orders_tx, &taken));
        let cook = s.spawn(|| {
            station(orders_rx, &taken, cooked_tx, &cooked, |order| {
                format!("order {order} cooked")
            })
        });
        let plate = s.spawn(|| {
            station(cooked_rx, &cooked, plated_tx, &plated, |dish: String| {
                dish + " and plated"
            })
        });
        let served = plated_rx.iter().take(serve).collect();
        // The pass closes: from now on the plater's `send` fails.
        drop(plated_rx);
        LineReport {
            served,
            orders_sent: 0,
            cook_high_water: cook.join().expect("the cook panicked"),
            plate_high_water: plate.join().expect("the plater panicked"),
        }
    });
    report.orders_sent = taken.into_inner();
    report
}
// ANCHOR_END: starter
