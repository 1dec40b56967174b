// ANCHOR: all
use std::sync::mpsc;

fn main() {
    // The waiters are not written yet, so nothing tells the compiler what a
    // ticket is; we say it ourselves.
    let (tx, rx) = mpsc::channel::<String>();
    drop(tx);
    let served = rx.iter().count();
    println!("tickets served tonight: {served}");
}
// ANCHOR_END: all
