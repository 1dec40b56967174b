// ANCHOR: solution
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

type Job = Box<dyn FnOnce() + Send + 'static>;

/// A fixed set of cooks that run whatever jobs they are handed. Dropping the
/// pool waits until every job handed in has run.
pub struct Pool {
    // An Option, so that `drop` can drop the Sender before it joins.
    rail: Option<Sender<Job>>,
    cooks: Vec<JoinHandle<()>>,
}

impl Pool {
    /// Starts `size` cooks, all waiting for jobs.
    pub fn new(size: usize) -> Pool {
        let (rail, rx) = mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        let cooks = (0..size)
            .map(|_| {
                let rx = Arc::clone(&rx);
                thread::spawn(move || work(&rx))
            })
            .collect();
        Pool {
            rail: Some(rail),
            cooks,
        }
    }

    /// Queues a job; the next free cook runs it.
    pub fn execute<F>(&self, job: F)
    where
        F: FnOnce() + Send + 'static,
    {
        // `rail` is None only inside `drop`, so it is always there here.
        let rail = self.rail.as_ref().unwrap();
        rail.send(Box::new(job)).expect("every cook has quit");
    }
}

/// One cook: takes a job, runs it with the rail unlocked, and repeats until
/// the rail is closed and empty.
fn work(rail: &Mutex<Receiver<Job>>) {
    loop {
        let next = rail.lock().unwrap().recv();
        match next {
            // The panic is still reported by the panic hook; catching it
            // only keeps this cook alive for the next job. The lock is not
            // held here, so a panicking job cannot poison it.
            Ok(job) => {
                let _ = panic::catch_unwind(AssertUnwindSafe(job));
            }
            Err(_) => return,
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        // Close the rail first: the cooks run what is still queued, then
        // `recv` returns Err and they leave their loops.
        drop(self.rail.take());
        for cook in self.cooks.drain(..) {
            // Never panic in `drop`. Jobs' panics are caught, so an Err here
            // would mean a bug in the pool itself.
            if cook.join().is_err() {
                eprintln!("a cook panicked outside a job");
            }
        }
    }
}
// ANCHOR_END: solution
