use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

type Job = Box<dyn FnOnce() + Send + 'static>;

/// A fixed set of cooks that run whatever jobs they are handed.
// ANCHOR: shown
struct Kitchen {
    // A plain field: dropped only after `drop` returns.
    rail: Sender<Job>,
    cooks: Vec<JoinHandle<()>>,
}
// ANCHOR_END: shown

impl Kitchen {
    fn open(size: usize) -> Kitchen {
        let (tx, rx) = mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        let cooks = (0..size)
            .map(|_| {
                let rx = Arc::clone(&rx);
                thread::spawn(move || work(rx))
            })
            .collect();
        Kitchen { rail: tx, cooks }
    }

    fn order(&self, job: impl FnOnce() + Send + 'static) {
        self.rail.send(Box::new(job)).expect("every cook has quit");
    }
}

fn work(rail: Arc<Mutex<Receiver<Job>>>) {
    loop {
        let next = rail.lock().unwrap().recv();
        match next {
            Ok(job) => job(),
            Err(_) => return,
        }
    }
}

// ANCHOR: shown
impl Drop for Kitchen {
    fn drop(&mut self) {
        // Joins every cook, and does nothing else.
        for cook in self.cooks.drain(..) {
            // A cook that panicked in a job shows up here as an Err.
            if cook.join().is_err() {
                eprintln!("a cook panicked");
            }
        }
    }
}
// ANCHOR_END: shown

fn main() {
    let kitchen = Kitchen::open(3);
    let (served_tx, served_rx) = mpsc::channel();
    for table in 1..=12 {
        let served = served_tx.clone();
        kitchen.order(move || served.send(table).unwrap());
    }
    println!("12 orders placed with 3 cooks");

    // Listing 9-3's kitchen closed its rail here before joining; this one
    // only joins.
    drop(kitchen);
    let mut tables: Vec<u32> = served_rx.try_iter().collect();
    println!("kitchen closed; {} orders were served", tables.len());

    tables.sort();
    println!("tables: {tables:?}");
}
