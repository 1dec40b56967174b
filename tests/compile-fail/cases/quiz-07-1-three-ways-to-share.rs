// Chapter 7, quiz 1: which of the three ways of sharing compile?
use std::sync::mpsc;
use std::thread;

fn main() {
    // 1. Moving a `Receiver<String>` into a spawned thread.
    let (tx, rx) = mpsc::channel::<String>();
    let chef = thread::spawn(move || rx.recv());
    tx.send(String::from("soup")).unwrap();
    chef.join().unwrap().unwrap();

    // 2. Borrowing one `Sender<String>` from two scoped threads.
    let (tx, rx) = mpsc::channel::<String>();
    thread::scope(|s| {
        s.spawn(|| tx.send(String::from("ana")).unwrap());
        s.spawn(|| tx.send(String::from("ben")).unwrap());
    });
    drop(rx);

    // 3. Borrowing one `Receiver<String>` from two scoped threads.
    let (tx, rx) = mpsc::channel::<String>();
    thread::scope(|s| {
        s.spawn(|| rx.recv());
        s.spawn(|| rx.recv());
    });
    drop(tx);
}
