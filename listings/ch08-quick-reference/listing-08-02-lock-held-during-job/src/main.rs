// ANCHOR: all
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex, TryLockError};
use std::thread;

type Job = Box<dyn FnOnce() + Send + 'static>;
type SharedQueue = Arc<Mutex<Receiver<Job>>>;

// ANCHOR: held
fn worker_holding_lock(queue: SharedQueue) {
    // The MutexGuard made in the condition is a temporary that lives until
    // the end of the loop body, so the job runs with the queue locked.
    while let Ok(job) = queue.lock().unwrap().recv() {
        job();
    }
}
// ANCHOR_END: held

// ANCHOR: released
fn worker_releasing_lock(queue: SharedQueue) {
    loop {
        // Here the guard is a temporary of the `let` statement: it is dropped
        // at the `;`, before the job starts.
        let next = queue.lock().unwrap().recv();
        match next {
            Ok(job) => job(),
            Err(_) => break,
        }
    }
}
// ANCHOR_END: released

// ANCHOR: probe
/// Could another worker take the next job right now?
fn lock_state(queue: &SharedQueue) -> &'static str {
    match queue.try_lock() {
        Ok(_) => "free: other workers can take jobs",
        Err(TryLockError::WouldBlock) => "held: other workers must wait",
        Err(TryLockError::Poisoned(_)) => "poisoned",
    }
}
// ANCHOR_END: probe

/// Runs two jobs on ONE worker thread, so the only possible owner of the
/// lock during a job is that worker itself: the output is the same every run.
fn run_kitchen(title: &str, worker: fn(SharedQueue)) {
    let (tx, rx) = mpsc::channel::<Job>();
    let queue: SharedQueue = Arc::new(Mutex::new(rx));
    let (report_tx, report_rx) = mpsc::channel();

    for order in 1..=2 {
        let probe = Arc::clone(&queue);
        let report = report_tx.clone();
        let job: Job = Box::new(move || {
            let line = format!("order {order}: queue lock is {}", lock_state(&probe));
            report.send(line).unwrap();
        });
        tx.send(job).unwrap();
    }
    // Closing the job queue lets the worker's loop end.
    drop(tx);
    drop(report_tx);

    let cook = thread::spawn(move || worker(queue));
    cook.join().unwrap();

    println!("{title}");
    for line in report_rx {
        println!("  {line}");
    }
}

fn main() {
    run_kitchen(
        "while let Ok(job) = queue.lock().unwrap().recv() { job() }",
        worker_holding_lock,
    );
    run_kitchen(
        "let next = queue.lock().unwrap().recv(); then match next",
        worker_releasing_lock,
    );
}
// ANCHOR_END: all
