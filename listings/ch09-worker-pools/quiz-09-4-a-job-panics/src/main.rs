use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

type Job = Box<dyn FnOnce() + Send + 'static>;

/// A fixed set of cooks that run whatever jobs they are handed.
struct Kitchen {
    // An Option, so that Drop can drop the Sender before joining.
    rail: Option<Sender<Job>>,
    cooks: Vec<JoinHandle<()>>,
}

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
        Kitchen {
            rail: Some(tx),
            cooks,
        }
    }

    fn order(&self, job: impl FnOnce() + Send + 'static) {
        // `rail` is only None inside `drop`, so this cannot fail earlier.
        let rail = self.rail.as_ref().unwrap();
        rail.send(Box::new(job)).expect("every cook has quit");
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

impl Drop for Kitchen {
    fn drop(&mut self) {
        // Close the rail first. The cooks finish the tickets still on it,
        // then `recv` returns Err and they leave their loops. Joining
        // before this would wait forever: the rail would still be open.
        drop(self.rail.take());
        for cook in self.cooks.drain(..) {
            // A cook that panicked in a job shows up here as an Err.
            if cook.join().is_err() {
                eprintln!("a cook panicked");
            }
        }
    }
}

fn main() {
    let kitchen = Kitchen::open(3);
    let (served_tx, served_rx) = mpsc::channel();
    for table in 1..=12 {
        let served = served_tx.clone();
        // ANCHOR: shown
        kitchen.order(move || {
            if table == 5 {
                panic!("table 5's dish catches fire");
            }
            served.send(table).unwrap();
        });
        // ANCHOR_END: shown
    }
    println!("12 orders placed with 3 cooks");

    // Dropping the kitchen closes the rail and joins every cook, so when
    // `drop` returns every job has run: nothing needs to wait any longer.
    drop(kitchen);
    let mut tables: Vec<u32> = served_rx.try_iter().collect();
    println!("kitchen closed; {} orders were served", tables.len());

    tables.sort();
    println!("tables: {tables:?}");
}
