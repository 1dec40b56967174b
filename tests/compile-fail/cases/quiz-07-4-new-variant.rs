// Chapter 7, quiz 4: Listing 7-7 with a `Cancel` variant the chef's `match`
// does not know about.
use std::sync::mpsc;
use std::thread;

enum Message {
    Order { table: u32, dish: String },
    Bill { table: u32 },
    Cancel { table: u32 },
}

fn main() {
    let (tx, rx) = mpsc::channel();
    let waiter = thread::spawn(move || {
        tx.send(Message::Order {
            table: 3,
            dish: String::from("soup"),
        })
        .unwrap();
        tx.send(Message::Cancel { table: 3 }).unwrap();
        tx.send(Message::Bill { table: 3 }).unwrap();
    });

    for message in rx {
        match message {
            Message::Order { table, dish } => println!("kitchen cooks {dish} for table {table}"),
            Message::Bill { table } => println!("kitchen prints the bill for table {table}"),
        }
    }
    waiter.join().unwrap();
}
