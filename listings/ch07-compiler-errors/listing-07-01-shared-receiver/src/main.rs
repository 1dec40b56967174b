// ANCHOR: all
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel::<String>();

    // Still one receiver; the mutex decides which chef takes the next ticket.
    let rail: Arc<Mutex<Receiver<String>>> = Arc::new(Mutex::new(rx));
    let mut chefs = Vec::new();
    for name in ["grill", "fryer"] {
        let rail = Arc::clone(&rail);
        chefs.push(thread::spawn(move || {
            loop {
                // Bind the result first: the lock is released at the end of
                // this statement, so the other chef can take a ticket while
                // this one cooks.
                let next = rail.lock().unwrap().recv();
                match next {
                    Ok(ticket) => println!("{name} cooks {ticket}"),
                    // Every waiter has gone and the rail is empty.
                    Err(_) => break,
                }
            }
        }));
    }

    for n in 1..=6 {
        tx.send(format!("ticket {n}")).unwrap();
    }
    drop(tx);
    for chef in chefs {
        chef.join().unwrap();
    }
    println!("kitchen closed");
}
// ANCHOR_END: all
