use exercise_10_add_a_source::{Handled, front_of_house};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

/// Runs `front_of_house` on a thread of its own and waits at most 5 s for it,
/// so a Sender left alive fails the test instead of hanging it.
fn run_within_5s(keys: &str, ticks: u32, orders: Vec<u32>) -> Handled {
    let keys = keys.to_string();
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || done_tx.send(front_of_house(&keys, ticks, orders)).unwrap());
    match done_rx.recv_timeout(Duration::from_secs(5)) {
        Ok(handled) => handled,
        Err(RecvTimeoutError::Timeout) => {
            panic!("`front_of_house` did not return within 5 s: is a Sender still alive?")
        }
        Err(RecvTimeoutError::Disconnected) => {
            panic!("`front_of_house` panicked (see its message above)")
        }
    }
}

#[test]
fn every_event_is_handled_once_in_its_source_order() {
    let orders: Vec<u32> = (1..=100).rev().collect();
    let handled = run_within_5s("4 pax, table 7", 100, orders.clone());
    assert_eq!(handled.keys, "4 pax, table 7");
    assert_eq!(handled.ticks, (1..=100).collect::<Vec<_>>());
    assert_eq!(handled.orders, orders, "the delivery app's orders");
}

#[test]
fn the_delivery_app_alone_is_enough() {
    let handled = run_within_5s("", 0, vec![12, 3, 7]);
    assert_eq!(
        handled,
        Handled {
            orders: vec![12, 3, 7],
            ..Handled::default()
        }
    );
}

#[test]
fn no_events_means_nothing_handled() {
    assert_eq!(run_within_5s("", 0, Vec::new()), Handled::default());
}

#[test]
fn q_stops_the_loop() {
    // Plenty of ticks and orders, so that the other sources are usually
    // still sending when the `q` arrives. How many of them came before it
    // varies from run to run; what came must be a start of each sequence.
    let orders: Vec<u32> = (0..10_000).collect();
    let handled = run_within_5s("12q34", 10_000, orders.clone());
    assert_eq!(
        handled.keys, "12",
        "the keys before `q`, and nothing after it"
    );
    let ticks = handled.ticks.len();
    assert_eq!(handled.ticks, (1..=ticks as u32).collect::<Vec<_>>());
    assert_eq!(handled.orders, orders[..handled.orders.len()]);
}
