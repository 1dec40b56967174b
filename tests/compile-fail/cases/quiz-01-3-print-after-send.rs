// Chapter 1, quiz 3: after sending a `String`, can the sender still print it?
use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let dish = String::from("soup");
        tx.send(dish).unwrap();
        println!("sent {dish}");
    });
    println!("got {}", rx.recv().unwrap());
}
