use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel();
    let waiter = thread::spawn(move || {
        tx.send(String::from("table 3: soup")).unwrap();
        // Table 3 also wants the bill: send its number.
        tx.send(3_u32).unwrap();
    });

    for message in rx {
        println!("kitchen got {message}");
    }
    waiter.join().unwrap();
}
