// ANCHOR: all
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Barrier, Mutex};
use std::thread;

type Job = Box<dyn FnOnce() + Send + 'static>;

const COOKS: usize = 2;
const TABLES: usize = 12;

// ANCHOR: cook
fn cook(rail: Arc<Mutex<Receiver<Job>>>, closing: Arc<AtomicBool>) {
    loop {
        let next = rail.lock().unwrap().recv();
        let Ok(job) = next else { return };
        // Checked before each job: once the kitchen is closing, the job just
        // taken is dropped unrun, and the cook goes home.
        if closing.load(Ordering::SeqCst) {
            return;
        }
        job();
    }
}
// ANCHOR_END: cook

/// Queues `TABLES` jobs while every cook is busy with one of the first ones,
/// closes the kitchen (and drains the rail if `drain`), and reports what ran.
fn close_early(drain: bool) {
    let (tx, rx) = mpsc::channel::<Job>();
    let rail = Arc::new(Mutex::new(rx));
    let closing = Arc::new(AtomicBool::new(false));
    let cooks: Vec<_> = (0..COOKS)
        .map(|_| {
            let (rail, closing) = (Arc::clone(&rail), Arc::clone(&closing));
            thread::spawn(move || cook(rail, closing))
        })
        .collect();

    let (served_tx, served) = mpsc::channel();
    let (busy_tx, busy) = mpsc::channel();
    // The first jobs hold their cooks until `main` lets go, so that the
    // other jobs are still queued when the kitchen closes, on every run.
    let release = Arc::new(Barrier::new(COOKS + 1));
    for table in 1..=TABLES {
        let served_tx = served_tx.clone();
        let job: Job = if table <= COOKS {
            let (busy_tx, release) = (busy_tx.clone(), Arc::clone(&release));
            Box::new(move || {
                busy_tx.send(()).unwrap();
                release.wait();
                served_tx.send(table).unwrap();
            })
        } else {
            Box::new(move || served_tx.send(table).unwrap())
        };
        tx.send(job).unwrap();
    }
    drop(served_tx);
    for _ in 0..COOKS {
        busy.recv().unwrap();
    }
    println!("  every cook is busy; the other jobs wait on the rail");

    // ANCHOR: close
    closing.store(true, Ordering::SeqCst);
    if drain {
        // Whatever is queued now is dropped here, at once; the flag covers
        // any job that is sent after this.
        let dropped = rail.lock().unwrap().try_iter().count();
        println!("  closing: flag set, {dropped} queued jobs drained and dropped");
    } else {
        println!("  closing: flag set");
    }
    drop(tx);
    // ANCHOR_END: close
    release.wait();
    for cook in cooks {
        cook.join().unwrap();
    }
    let mut served: Vec<usize> = served.try_iter().collect();
    served.sort();
    println!(
        "  served tables {served:?}; {} of {TABLES} jobs abandoned",
        TABLES - served.len()
    );
}

fn main() {
    println!("a flag checked before each job:");
    close_early(false);
    println!("the flag, then draining with try_iter:");
    close_early(true);
}
// ANCHOR_END: all
