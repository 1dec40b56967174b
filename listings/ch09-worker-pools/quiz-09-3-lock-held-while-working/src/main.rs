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

// ANCHOR: shown
fn work(rail: Arc<Mutex<Receiver<Job>>>) {
    while let Ok(job) = rail.lock().unwrap().recv() {
        job()
    }
}
// ANCHOR_END: shown

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
    use std::sync::atomic::{AtomicUsize, Ordering};
    let kitchen = Kitchen::open(4);
    let (served_tx, served_rx) = mpsc::channel();
    // How many jobs are running right now, and the most there ever were.
    let running = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    for table in 1..=12 {
        let served = served_tx.clone();
        let (running, most) = (Arc::clone(&running), Arc::clone(&most));
        kitchen.order(move || {
            let now = running.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(now, Ordering::SeqCst);
            thread::sleep(std::time::Duration::from_millis(2));
            running.fetch_sub(1, Ordering::SeqCst);
            served.send(table).unwrap();
        });
    }
    println!("12 orders placed with 4 cooks");

    // Dropping the kitchen closes the rail and joins every cook, so when
    // `drop` returns every job has run: nothing needs to wait any longer.
    drop(kitchen);
    let mut tables: Vec<u32> = served_rx.try_iter().collect();
    println!("kitchen closed; {} orders were served", tables.len());

    tables.sort();
    println!("tables: {tables:?}");
    println!(
        "most jobs running at the same time: {}",
        most.load(Ordering::SeqCst)
    );
}
