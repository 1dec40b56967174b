// Chapter 3, quiz 5: a second chef by cloning the `Receiver`?
use std::sync::mpsc;

fn main() {
    let (tx, rx) = mpsc::channel::<String>();
    let second_chef = rx.clone();
    drop((tx, second_chef));
}
