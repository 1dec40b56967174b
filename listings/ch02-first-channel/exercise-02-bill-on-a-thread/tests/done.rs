use exercise_02_bill_on_a_thread::bill;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

/// Runs `bill` on a thread of its own and waits at most 5 s for it, so a
/// `recv` that never gets its message fails the test instead of hanging it.
fn bill_within_5s(prices: &[u32]) -> String {
    let prices = prices.to_vec();
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || done_tx.send(bill(prices)).unwrap());
    match done_rx.recv_timeout(Duration::from_secs(5)) {
        Ok(text) => text,
        Err(RecvTimeoutError::Timeout) => {
            panic!("`bill` did not return within 5 s: is `recv` waiting for a total nobody sends?")
        }
        Err(RecvTimeoutError::Disconnected) => panic!("`bill` panicked (see its message above)"),
    }
}

#[test]
fn adds_up_the_prices() {
    assert_eq!(bill_within_5s(&[1250, 800, 45]), "20.95");
}

#[test]
fn pads_the_cents() {
    assert_eq!(bill_within_5s(&[5]), "0.05");
    assert_eq!(bill_within_5s(&[300, 400]), "7.00");
}

#[test]
fn a_big_table() {
    let prices = vec![1999; 1000];
    assert_eq!(bill_within_5s(&prices), "19990.00");
}

#[test]
fn an_empty_bill_is_zero() {
    assert_eq!(bill_within_5s(&[]), "0.00");
}
