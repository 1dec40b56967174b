use std::sync::mpsc;
use std::time::{Duration, Instant};

fn main() {
    let (tx, rx) = mpsc::channel::<String>();
    drop(tx);
    let start = Instant::now();
    let result = rx.recv_timeout(Duration::from_secs(5));
    println!("{result:?}");
    println!(
        "waited the five seconds: {}",
        start.elapsed() >= Duration::from_secs(5)
    );
}
