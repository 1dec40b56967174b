// ANCHOR: all
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread;

const COOKS: usize = 3;
const TABLES: u32 = 12;

// ANCHOR: message
enum Message {
    Cook(u32),
    Terminate,
}

/// Cooks until it takes a `Terminate` (or the rail closes); returns how many
/// orders it cooked.
fn cook(rail: Arc<Mutex<Receiver<Message>>>) -> usize {
    let mut cooked = 0;
    loop {
        let next = rail.lock().unwrap().recv();
        match next {
            Ok(Message::Cook(_table)) => cooked += 1,
            Ok(Message::Terminate) | Err(_) => return cooked,
        }
    }
}
// ANCHOR_END: message

fn main() {
    // ANCHOR: main
    let (tx, rx) = mpsc::channel();
    for table in 1..=TABLES {
        tx.send(Message::Cook(table)).unwrap();
    }
    for _ in 0..COOKS {
        tx.send(Message::Terminate).unwrap();
    }
    println!("{TABLES} orders, then {COOKS} Terminate messages, wait on the rail");

    let rail = Arc::new(Mutex::new(rx));
    let cooks: Vec<_> = (0..COOKS)
        .map(|_| {
            let rail = Arc::clone(&rail);
            thread::spawn(move || cook(rail))
        })
        .collect();
    let cooked: usize = cooks.into_iter().map(|c| c.join().unwrap()).sum();
    // `tx` is still alive: the rail never closed, the Terminate messages
    // stopped the cooks, and only once they had reached the front.
    println!("the cooks stopped after cooking {cooked} of {TABLES} orders");
    drop(tx);
    // ANCHOR_END: main
}
// ANCHOR_END: all
