// ANCHOR: all
use std::panic;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

fn main() {
    // ANCHOR: zero
    let (tx, rx) = mpsc::channel();
    tx.send("soup").unwrap();
    // A zero timeout still takes a ticket that is already there...
    println!(
        "ZERO, a ticket waiting:      {:?}",
        rx.recv_timeout(Duration::ZERO)
    );
    // ...and otherwise answers at once, as `try_recv` would.
    println!(
        "ZERO, empty and open:        {:?}",
        rx.recv_timeout(Duration::ZERO)
    );
    // ANCHOR_END: zero

    // ANCHOR: huge
    // No `Instant` lies that far ahead: adding would panic, and
    // `checked_add` says so.
    let max_fits = Instant::now().checked_add(Duration::MAX).is_some();
    println!("now + MAX fits in an Instant: {max_fits}");
    // `recv_timeout` checks the same way and, finding no such instant, waits
    // with no deadline at all, just as `recv` does.
    let century = Duration::from_secs(100 * 365 * 24 * 60 * 60);
    println!(
        "now + a century fits in an Instant: {}",
        Instant::now().checked_add(century).is_some()
    );
    tx.send("pie").unwrap();
    // A deadline that does fit is a deadline like any other.
    println!(
        "a century, a ticket waiting: {:?}",
        rx.recv_timeout(century)
    );
    let waiter = thread::spawn(move || tx.send("steak").unwrap());
    println!(
        "MAX, a ticket comes:         {:?}",
        rx.recv_timeout(Duration::MAX)
    );
    waiter.join().unwrap();
    // The waiter's Sender was the last: MAX does not delay `Disconnected`.
    println!(
        "MAX, empty and closed:       {:?}",
        rx.recv_timeout(Duration::MAX)
    );
    // ANCHOR_END: huge

    // ANCHOR: plus_panics
    panic::set_hook(Box::new(|_| {})); // keep the expected panic quiet
    let sum = panic::catch_unwind(|| Instant::now() + Duration::MAX);
    let _ = panic::take_hook();
    println!("Instant::now() + Duration::MAX panics: {}", sum.is_err());
    // ANCHOR_END: plus_panics
}
// ANCHOR_END: all
