// ANCHOR: solution
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

type Job = Box<dyn FnOnce() + Send + 'static>;

/// A fixed number of worker threads that take jobs from one shared queue.
pub struct Pool {
    jobs: Sender<Job>,
    workers: Vec<JoinHandle<()>>,
}

impl Pool {
    /// Starts `size` workers, all waiting for jobs.
    pub fn new(size: usize) -> Pool {
        let (jobs, rx) = mpsc::channel::<Job>();
        // A Receiver cannot be cloned, so the workers share it behind a Mutex.
        let queue = Arc::new(Mutex::new(rx));
        let workers = (0..size)
            .map(|_| {
                let queue = Arc::clone(&queue);
                thread::spawn(move || work(&queue))
            })
            .collect();
        Pool { jobs, workers }
    }

    /// Queues a job; the next free worker runs it.
    pub fn execute<F>(&self, job: F)
    where
        F: FnOnce() + Send + 'static,
    {
        self.jobs
            .send(Box::new(job))
            .expect("every worker has stopped");
    }

    /// Closes the queue and waits until the workers have run every job.
    pub fn join(self) {
        drop(self.jobs);
        for worker in self.workers {
            worker.join().expect("a worker panicked");
        }
    }
}

/// One worker: takes a job, runs it, and repeats until the queue is closed.
fn work(queue: &Mutex<Receiver<Job>>) {
    loop {
        // The MutexGuard is a temporary of this `let` statement, so the lock
        // is released at the `;`: other workers can take jobs while this one
        // runs. (In `while let`, it would live until the end of the body.)
        let next = queue.lock().unwrap().recv();
        match next {
            Ok(job) => job(),
            // Every Sender is gone and the queue is empty: time to go home.
            Err(_) => break,
        }
    }
}
// ANCHOR_END: solution
