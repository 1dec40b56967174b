// ANCHOR: all
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_millis(20);
const STRAY_WAKE_UPS: usize = 1000;

fn main() {
    // ANCHOR: token
    // An unpark before a park is kept as a token: this park returns at once.
    thread::current().unpark();
    thread::park();
    println!("park after unpark: returned at once");

    // Now the token is taken by the channel's own sleep instead. The wake-up
    // does not end the receive: it goes back to sleep until its deadline.
    let (tx, rx) = mpsc::channel::<&str>();
    thread::current().unpark();
    let start = Instant::now();
    let result = rx.recv_timeout(PATIENCE);
    let full = start.elapsed() >= PATIENCE;
    println!("recv_timeout after unpark: {result:?}, waited its full time: {full}");
    assert_eq!(result, Err(RecvTimeoutError::Timeout));

    // The token is gone: a park of the program's own now sleeps its full time.
    let start = Instant::now();
    thread::park_timeout(PATIENCE);
    let full = start.elapsed() >= PATIENCE;
    println!("park_timeout afterwards waited its full time: {full}");
    // ANCHOR_END: token

    // ANCHOR: stray
    // Another thread unparks the chef again and again while it waits in
    // `recv_timeout`. Only the ticket ends the wait.
    let chef = thread::spawn(move || rx.recv_timeout(Duration::from_secs(10)));
    for _ in 0..STRAY_WAKE_UPS {
        chef.thread().unpark();
        thread::yield_now();
    }
    tx.send("soup").unwrap();
    println!(
        "chef, woken 1000 times for nothing: {:?}",
        chef.join().unwrap()
    );
    // ANCHOR_END: stray
}
// ANCHOR_END: all
