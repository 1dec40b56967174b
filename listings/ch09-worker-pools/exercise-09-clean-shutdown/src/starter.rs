// ANCHOR: starter
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

type Job = Box<dyn FnOnce() + Send + 'static>;

/// A fixed set of cooks that run whatever jobs they are handed. Dropping the
/// pool waits until every job handed in has run.
pub struct Pool {
    rail: Sender<Job>,
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
        Pool { rail, cooks }
    }

    /// Queues a job; the next free cook runs it.
    pub fn execute<F>(&self, job: F)
    where
        F: FnOnce() + Send + 'static,
    {
        self.rail.send(Box::new(job)).expect("every cook has quit");
    }
}

/// One cook: takes a job, runs it with the rail unlocked, and repeats until
/// the rail is closed and empty.
fn work(rail: &Mutex<Receiver<Job>>) {
    loop {
        let next = rail.lock().unwrap().recv();
        match next {
            // TODO: a job that panics takes its cook down with it, and the
            // jobs still queued may never run. Keep the cook working.
            Ok(job) => job(),
            Err(_) => return,
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        // TODO: this never returns. Each cook waits in `recv` for the next
        // job, and the rail stays open while `self.rail` is alive. And a
        // cook that panicked makes this `unwrap` panic inside `drop`.
        for cook in self.cooks.drain(..) {
            cook.join().unwrap();
        }
    }
}
// ANCHOR_END: starter
