use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel();
    let waiter = thread::spawn(move || {
        for table in [4, 12, 7] {
            tx.send(table).unwrap();
        }
    });
    waiter.join().unwrap();
    for _ in 0..4 {
        println!("{:?}", rx.recv());
    }
}
