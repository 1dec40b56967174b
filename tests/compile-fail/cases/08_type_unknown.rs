use std::sync::mpsc;

fn main() {
    // The waiters are not written yet; first get the kitchen running.
    let (tx, rx) = mpsc::channel();
    drop(tx);
    let served = rx.iter().count();
    println!("tickets served tonight: {served}");
}
