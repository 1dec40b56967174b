// ANCHOR: solution
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
    mut work: impl FnMut(T) -> U,
) -> usize {
    let mut taken = 0;
    let mut high_water = 0;
    loop {
        // Measured before each receive. The supplier counts an item only
        // after its `send` returned, so it may lag one behind: saturate.
        let ahead = supplier_sent.load(Ordering::SeqCst).saturating_sub(taken);
        high_water = high_water.max(ahead);
        // Err: the rail is closed and empty, the normal end of the day.
        let Ok(item) = input.recv() else { break };
        taken += 1;
        // Err: the next station is gone. Stop; returning drops `input`,
        // which tells the supplier in turn.
        if out.send(work(item)).is_err() {
            break;
        }
        sent.fetch_add(1, Ordering::SeqCst);
    }
    high_water
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
// ANCHOR_END: solution
