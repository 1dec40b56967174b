use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

// ANCHOR: job
// Any work at all: a closure that runs once, on whichever cook takes it.
type Job = Box<dyn FnOnce() + Send + 'static>;
type Rail = Arc<Mutex<Receiver<Job>>>;
// ANCHOR_END: job

// ANCHOR: trap
fn cook_holding_the_lock(rail: Rail) {
    // The MutexGuard made by `lock()` is a temporary in the `while let`
    // condition, and such a temporary lives until the end of the loop body:
    // the job runs with the rail still locked.
    while let Ok(job) = rail.lock().unwrap().recv() {
        job();
    }
}
// ANCHOR_END: trap

// ANCHOR: fixed
fn cook_releasing_the_lock(rail: Rail) {
    loop {
        // Here the guard is a temporary of the `let` statement: it is
        // dropped at the `;`, before the job starts.
        let next = rail.lock().unwrap().recv();
        match next {
            Ok(job) => job(),
            Err(_) => break,
        }
    }
}
// ANCHOR_END: fixed

const COOKS: usize = 2;
const ORDERS: usize = 2;

// ANCHOR: measure
/// Runs ORDERS jobs on a pool of COOKS threads and returns the most jobs that
/// were running at the same moment.
fn most_in_flight(cook: fn(Rail), patience: Duration) -> usize {
    let (tx, rx) = mpsc::channel::<Job>();
    let rail: Rail = Arc::new(Mutex::new(rx));
    let cooks: Vec<_> = (0..COOKS)
        .map(|_| {
            let rail = Arc::clone(&rail);
            thread::spawn(move || cook(rail))
        })
        .collect();

    // Each job reports that it started and hands us the Sender of its own
    // "you may finish" channel. It keeps running until we send on it or
    // drop it, so a job we have not released is certainly still running.
    let (started_tx, started_rx) = mpsc::channel::<Sender<()>>();
    for _ in 0..ORDERS {
        let started = started_tx.clone();
        let job: Job = Box::new(move || {
            let (finish_tx, finish_rx) = mpsc::channel::<()>();
            started.send(finish_tx).unwrap();
            // Ends on a message or when the Sender is dropped: never hangs.
            let _ = finish_rx.recv();
        });
        tx.send(job).unwrap();
    }
    drop(tx);
    drop(started_tx);

    let mut running: Vec<Sender<()>> = Vec::new();
    let mut started = 0;
    let mut most = 0;
    while started < ORDERS {
        match started_rx.recv_timeout(patience) {
            Ok(finish) => {
                started += 1;
                running.push(finish);
                most = most.max(running.len());
            }
            // No other job could start while these run: release the oldest
            // so the rest get their turn.
            Err(RecvTimeoutError::Timeout) => {
                if !running.is_empty() {
                    running.remove(0);
                }
            }
            Err(RecvTimeoutError::Disconnected) => panic!("a job never started"),
        }
    }
    // Every job has started; release them all and shut the pool down.
    drop(running);
    for cook in cooks {
        cook.join().unwrap();
    }
    most
}
// ANCHOR_END: measure

// ANCHOR: main
fn main() {
    println!("{COOKS} cooks, {ORDERS} orders; each order cooks until it is released");

    // The fixed pool starts both jobs at once; 2 s is only a safety net
    // that a working pool never reaches.
    let most = most_in_flight(cook_releasing_the_lock, Duration::from_secs(2));
    println!("let, then match:  {most} orders in flight at once");

    // The trap version cannot start a second job while the first runs, so
    // waiting longer would change nothing: 50 ms only lets us notice it.
    let most = most_in_flight(cook_holding_the_lock, Duration::from_millis(50));
    println!("while let Ok(..): {most} order in flight at once");
}
// ANCHOR_END: main
