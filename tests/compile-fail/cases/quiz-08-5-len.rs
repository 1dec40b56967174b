// Chapter 8, quiz 5: asking a std channel how many messages wait in it.
use std::sync::mpsc;

fn main() {
    let (tx, rx) = mpsc::channel();
    tx.send("soup").unwrap();
    println!("{} waiting", rx.len());
}
