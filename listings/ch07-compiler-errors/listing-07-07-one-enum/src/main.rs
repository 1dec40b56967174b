// ANCHOR: all
use std::sync::mpsc;
use std::thread;

// One type for everything a waiter can tell the kitchen.
enum Message {
    Order { table: u32, dish: String },
    Bill { table: u32 },
}

fn main() {
    let (tx, rx) = mpsc::channel();
    let waiter = thread::spawn(move || {
        tx.send(Message::Order {
            table: 3,
            dish: String::from("soup"),
        })
        .unwrap();
        tx.send(Message::Bill { table: 3 }).unwrap();
    });

    // The match must handle every kind of message, so none is forgotten.
    for message in rx {
        match message {
            Message::Order { table, dish } => println!("kitchen cooks {dish} for table {table}"),
            Message::Bill { table } => println!("kitchen prints the bill for table {table}"),
        }
    }
    waiter.join().unwrap();
}
// ANCHOR_END: all
