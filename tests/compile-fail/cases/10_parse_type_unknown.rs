// Listing 2-3 without its annotation: `parse` can produce any number type,
// and nothing else says which one the channel carries.
use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        tx.send("12".parse().unwrap()).unwrap();
    });
    println!("table {}", rx.recv().unwrap());
}
