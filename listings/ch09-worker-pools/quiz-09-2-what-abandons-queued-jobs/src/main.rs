use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;

enum Message {
    Job(u32),
    Stop,
}

/// One worker; `hold` keeps it on its first job until all twelve are queued
/// and the way of stopping has been applied.
fn run(how: &str) -> usize {
    let (tx, rx) = mpsc::channel();
    let (started_tx, started_rx) = mpsc::channel::<()>();
    let (hold_tx, hold_rx) = mpsc::channel::<()>();
    let stop = Arc::new(AtomicBool::new(false));
    let ran = Arc::new(AtomicUsize::new(0));
    let worker = {
        let (stop, ran) = (Arc::clone(&stop), Arc::clone(&ran));
        thread::spawn(move || {
            while let Ok(message) = rx.recv() {
                let Message::Job(n) = message else { break };
                if stop.load(Ordering::SeqCst) {
                    continue; // the flag is checked before each job
                }
                if n == 1 {
                    started_tx.send(()).unwrap();
                    let _ = hold_rx.recv();
                }
                ran.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    for n in 1..=12 {
        tx.send(Message::Job(n)).unwrap();
    }
    // The worker is busy with job 1; jobs 2 to 12 are queued behind it.
    started_rx.recv().unwrap();
    match how {
        "close" => drop(tx),
        "stop message" => tx.send(Message::Stop).unwrap(),
        "stop flag" => {
            stop.store(true, Ordering::SeqCst);
            drop(tx);
        }
        _ => unreachable!(),
    }
    drop(hold_tx);
    worker.join().unwrap();
    ran.load(Ordering::SeqCst)
}

fn main() {
    println!(
        "last Sender dropped: {} of 12 queued jobs ran",
        run("close")
    );
    println!(
        "a Stop message sent after them: {} of 12 ran",
        run("stop message")
    );
    println!(
        "a stop flag checked before each job: {} of 12 ran",
        run("stop flag")
    );
}
