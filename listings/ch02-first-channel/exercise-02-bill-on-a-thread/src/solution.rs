// ANCHOR: solution
use std::sync::mpsc;
use std::thread;

/// Adds up a table's bill on a waiter thread and returns it as text, such as
/// `"20.95"`. Prices are in cents (`1250` is 12.50). The waiter thread sends
/// the total over a channel; this function receives it and formats it.
pub fn bill(prices: Vec<u32>) -> String {
    // `sum` can produce many types, and `/` and `%` below work for any
    // integer, so nothing but this annotation says what the channel carries.
    let (tx, rx) = mpsc::channel::<u32>();
    // `move` gives the waiter both `prices` and the Sender; the Sender is
    // dropped when the thread ends.
    thread::spawn(move || {
        tx.send(prices.iter().sum()).unwrap();
    });
    // `recv` waits until the waiter has sent the total.
    let cents = rx.recv().unwrap();
    format!("{}.{:02}", cents / 100, cents % 100)
}
// ANCHOR_END: solution
