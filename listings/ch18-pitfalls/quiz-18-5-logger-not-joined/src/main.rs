use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

// How far the logger has got when `main` returns varies from run to run.
// This program fixes one schedule: the logger tells `main` when it starts
// on line 3, and the disk then keeps it busy for longer than `main` stays.
fn logger(lines: Receiver<String>, busy: Sender<()>) {
    for (n, line) in (1..).zip(lines) {
        if n == 3 {
            busy.send(()).unwrap();
            loop {
                thread::park();
            }
        }
        println!("log: {line}");
    }
}

fn main() {
    let (busy_tx, busy) = mpsc::channel();
    // ANCHOR: shown
    let (log, lines) = mpsc::channel::<String>();
    // The JoinHandle is dropped at once: nobody can wait for the logger.
    thread::spawn(move || logger(lines, busy_tx));

    let sent = (1..=5)
        .filter(|n| log.send(format!("line {n}")).is_ok())
        .count();
    // ANCHOR_END: shown
    busy.recv().unwrap();
    println!("main: {sent} of 5 sends returned Ok; main returns");
}
