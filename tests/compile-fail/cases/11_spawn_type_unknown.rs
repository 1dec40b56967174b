// Case 08 with the receiver moved into a thread: `spawn` must know whether
// the receiver is `Send`, and it cannot while the message type is unknown.
use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel();
    let chef = thread::spawn(move || {
        for _ticket in rx {}
    });
    drop(tx);
    chef.join().unwrap();
}
