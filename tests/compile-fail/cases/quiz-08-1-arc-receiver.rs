// Chapter 8, quiz 1: a clone of an `Arc<Receiver<i32>>` moved into a thread.
use std::sync::{Arc, mpsc};
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel::<i32>();
    let rx = Arc::new(rx);
    let shared = Arc::clone(&rx);
    let chef = thread::spawn(move || shared.recv());
    tx.send(1).unwrap();
    let _ = chef.join();
}
