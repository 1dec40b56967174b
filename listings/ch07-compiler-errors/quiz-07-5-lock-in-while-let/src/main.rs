use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

fn main() {
    let (tx, rx) = mpsc::channel::<u32>();
    let rail: Arc<Mutex<Receiver<u32>>> = Arc::new(Mutex::new(rx));
    // How many chefs are cooking right now, and the most there ever were.
    let cooking = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let mut chefs = Vec::new();
    for _ in ["grill", "fryer"] {
        let (rail, cooking, most) = (Arc::clone(&rail), Arc::clone(&cooking), Arc::clone(&most));
        chefs.push(thread::spawn(move || {
            let mut cooked = Vec::new();
            // The loop as the question writes it.
            while let Ok(ticket) = rail.lock().unwrap().recv() {
                let now = cooking.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                // Cooking takes a moment, time enough for the other chef.
                thread::sleep(Duration::from_millis(2));
                cooked.push(ticket);
                cooking.fetch_sub(1, Ordering::SeqCst);
            }
            cooked
        }));
    }
    for n in 1..=6 {
        tx.send(n).unwrap();
    }
    drop(tx);
    let mut cooked: Vec<u32> = chefs.into_iter().flat_map(|c| c.join().unwrap()).collect();
    cooked.sort();
    println!("it compiled and ran");
    println!(
        "every ticket cooked exactly once: {}",
        cooked == [1, 2, 3, 4, 5, 6]
    );
    println!(
        "most chefs cooking at the same time: {}",
        most.load(Ordering::SeqCst)
    );
}
