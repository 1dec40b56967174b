use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::Duration;

// The same logger, whose disk is slow on line 3, but not forever.
fn logger(lines: Receiver<String>) {
    for (n, line) in (1..).zip(lines) {
        if n == 3 {
            thread::sleep(Duration::from_millis(5));
        }
        println!("log: {line}");
    }
}

fn main() {
    // ANCHOR: shown
    let (log, lines) = mpsc::channel::<String>();
    // Keep the handle...
    let logger = thread::spawn(move || logger(lines));

    let sent = (1..=5)
        .filter(|n| log.send(format!("line {n}")).is_ok())
        .count();
    // ...drop the last Sender, so that the logger's loop can end, and wait
    // for it before returning.
    drop(log);
    logger.join().unwrap();
    // ANCHOR_END: shown
    println!("main: {sent} of 5 sends returned Ok; the logger is done; main returns");
}
