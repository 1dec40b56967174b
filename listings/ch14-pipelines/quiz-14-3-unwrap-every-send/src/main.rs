use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread;

const ROOM: usize = 2;
const ORDERS: usize = 20;
/// The pass closes after this many dishes, with orders still on the line.
const SERVE: usize = 5;

// ANCHOR: shown
fn take_orders(out: SyncSender<usize>) -> String {
    for order in 1..=ORDERS {
        out.send(order).unwrap();
    }
    format!("take: sent all {ORDERS}")
}

fn station(name: &str, input: Receiver<usize>, out: SyncSender<usize>) -> String {
    let mut passed = 0;
    for order in input {
        out.send(order).unwrap();
        passed += 1;
    }
    format!("{name}: input closed; passed on {passed}")
}
// ANCHOR_END: shown

fn main() {
    let (orders_tx, orders_rx) = mpsc::sync_channel(ROOM);
    let (cooked_tx, cooked_rx) = mpsc::sync_channel(ROOM);
    let (plated_tx, plated_rx) = mpsc::sync_channel(ROOM);
    let stations = [
        thread::spawn(move || take_orders(orders_tx)),
        thread::spawn(move || station("cook", orders_rx, cooked_tx)),
        thread::spawn(move || station("plate", cooked_rx, plated_tx)),
    ];

    let served: Vec<usize> = plated_rx.iter().take(SERVE).collect();
    println!("pass: served orders {served:?}, then closed");
    // Dishes still on the last rail are dropped with the receiver.
    drop(plated_rx);

    for station in stations {
        println!("{}", station.join().unwrap());
    }
}
