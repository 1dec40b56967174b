use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::Duration;

/// Room on each rail between two stations.
const ROOM: usize = 2;
const ORDERS: usize = 20;
/// The cook is the slow station. (The sleep only makes the line visibly
/// uneven; no result below depends on how long it is.)
const COOKING: Duration = Duration::from_millis(2);

/// The fast first station: it never waits for anything but room on the rail.
fn take_orders(out: Sender<usize>, sent: &AtomicUsize) {
    for order in 1..=ORDERS {
        out.send(order).unwrap();
        // Counted only after `send` returned: the order is on the rail.
        sent.fetch_add(1, Ordering::SeqCst);
    }
}

/// A middle station. Returns the most orders its supplier was ever ahead:
/// sent by the supplier, not yet taken by this station.
fn station(
    input: Receiver<usize>,
    supplier_sent: &AtomicUsize,
    out: Sender<usize>,
    sent: &AtomicUsize,
    work: Duration,
) -> usize {
    let mut taken = 0;
    let mut most_ahead = 0;
    loop {
        // The supplier may already have handed over an order it has not
        // counted yet, hence `saturating_sub`.
        let ahead = supplier_sent.load(Ordering::SeqCst).saturating_sub(taken);
        most_ahead = most_ahead.max(ahead);
        let Ok(order) = input.recv() else { break };
        taken += 1;
        thread::sleep(work);
        out.send(order).unwrap();
        sent.fetch_add(1, Ordering::SeqCst);
    }
    most_ahead
}

fn main() {
    // ANCHOR: shown
    let (orders_tx, orders_rx) = mpsc::channel();
    let (cooked_tx, cooked_rx) = mpsc::channel();
    let (plated_tx, plated_rx) = mpsc::channel();
    // ANCHOR_END: shown
    let taken_orders = AtomicUsize::new(0);
    let cooked = AtomicUsize::new(0);
    let plated = AtomicUsize::new(0);

    let (cook_ahead, plate_ahead, line_ahead) = thread::scope(|s| {
        // ANCHOR: shown
        // The usual schedule, made certain: with nothing to hold it back, the
        // order taker sends all its orders before the cook first looks.
        s.spawn(|| take_orders(orders_tx, &taken_orders))
            .join()
            .unwrap();
        // ANCHOR_END: shown
        let cook = s.spawn(|| station(orders_rx, &taken_orders, cooked_tx, &cooked, COOKING));
        let plate = s.spawn(|| station(cooked_rx, &cooked, plated_tx, &plated, Duration::ZERO));

        // The pass measures the whole line: orders taken but not yet served.
        let mut served = 0;
        let mut line_ahead = 0;
        loop {
            let ahead = taken_orders.load(Ordering::SeqCst).saturating_sub(served);
            line_ahead = line_ahead.max(ahead);
            let Ok(order) = plated_rx.recv() else { break };
            served += 1;
            assert_eq!(order, served, "orders came out of order");
        }
        assert_eq!(served, ORDERS, "an order was lost");
        (cook.join().unwrap(), plate.join().unwrap(), line_ahead)
    });

    // Three rails of ROOM, plus the one order each middle station holds.
    let line_room = 3 * ROOM + 2;
    println!("all {ORDERS} orders served, in order");
    println!(
        "cook:  take was at most {cook_ahead} ahead (Listing 14-2 gave its rail room for {ROOM})"
    );
    // (How far the cook gets ahead of the plater depends on timing.)
    println!(
        "pass:  take was at most {line_ahead} ahead (Listing 14-2 gave the line room for {line_room})"
    );
    assert!(cook_ahead <= ROOM && plate_ahead <= ROOM && line_ahead <= line_room);
}
