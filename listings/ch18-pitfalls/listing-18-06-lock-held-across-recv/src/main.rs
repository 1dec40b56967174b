// ANCHOR: all
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex, TryLockError};
use std::thread;

type Job = Box<dyn FnOnce() + Send + 'static>;
type Queue = Arc<Mutex<Receiver<Job>>>;

// ANCHOR: workers
fn worker_holding_lock(queue: Queue) {
    // The guard is a temporary of the `while let` condition: it lives until
    // the end of the loop body, so the job runs with the queue locked.
    while let Ok(job) = queue.lock().unwrap().recv() {
        job();
    }
}

fn worker_releasing_lock(queue: Queue) {
    loop {
        // The guard is a temporary of this `let`: it is dropped at the `;`.
        let next = queue.lock().unwrap().recv();
        match next {
            Ok(job) => job(),
            Err(_) => break,
        }
    }
}
// ANCHOR_END: workers

// ANCHOR: probe
/// Pauses one job halfway, like a breakpoint would, and asks the queue's
/// mutex from outside whether another worker could take a job right now.
fn probe(name: &str, worker: fn(Queue)) {
    let (tx, rx) = mpsc::channel::<Job>();
    let queue: Queue = Arc::new(Mutex::new(rx));
    let (started, started_rx) = mpsc::channel();
    let (resume, resume_rx) = mpsc::channel::<()>();
    tx.send(Box::new(move || {
        started.send(()).unwrap();
        let _ = resume_rx.recv(); // the job is "busy" until main lets it go
    }))
    .unwrap();
    drop(tx);

    // One worker only: the only thread that can hold the lock is this one.
    let cook = {
        let queue = Arc::clone(&queue);
        thread::spawn(move || worker(queue))
    };
    started_rx.recv().unwrap(); // the job is now running
    let state = match queue.try_lock() {
        Ok(_) => "free: another worker could take the next job",
        Err(TryLockError::WouldBlock) => "held: every other worker is stuck in lock()",
        Err(TryLockError::Poisoned(_)) => "poisoned",
    };
    println!("{name}: during the job, the queue is {state}");

    drop(resume);
    cook.join().unwrap();
}
// ANCHOR_END: probe

fn main() {
    probe("while let", worker_holding_lock);
    probe("let first", worker_releasing_lock);
}
// ANCHOR_END: all
