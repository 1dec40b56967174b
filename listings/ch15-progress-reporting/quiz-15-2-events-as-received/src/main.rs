use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::Duration;

enum Progress {
    Started { worker: usize, total: u64 },
    Advanced { worker: usize, n: u64 },
    Finished { worker: usize },
}

const STATIONS: [(&str, u64); 3] = [("grill", 12), ("fryer", 9), ("salads", 15)];

// The stations of Listing 15-1.
fn run_station(worker: usize, total: u64, progress: Sender<Progress>) {
    progress.send(Progress::Started { worker, total }).unwrap();
    let mut left = total;
    while left > 0 {
        let batch = left.min(4);
        thread::sleep(Duration::from_millis(batch));
        left -= batch;
        progress
            .send(Progress::Advanced { worker, n: batch })
            .unwrap();
    }
    progress.send(Progress::Finished { worker }).unwrap();
}

// ANCHOR: shown
// Instead of drawing bars, the reporter prints every event in the order it
// receives them.
fn report(events: Receiver<Progress>) {
    let mut done = [0; STATIONS.len()];
    for event in events {
        match event {
            Progress::Started { worker, total } => {
                println!("{}: started, {total} dishes", STATIONS[worker].0);
            }
            Progress::Advanced { worker, n } => {
                done[worker] += n;
                println!("{}: advanced to {}", STATIONS[worker].0, done[worker]);
            }
            Progress::Finished { worker } => println!("{}: finished", STATIONS[worker].0),
        }
    }
}
// ANCHOR_END: shown

fn main() {
    let (tx, rx) = mpsc::channel();
    let reporter = thread::spawn(move || report(rx));

    let mut stations = Vec::new();
    for (worker, (_, total)) in STATIONS.iter().enumerate() {
        let tx = tx.clone();
        let total = *total;
        stations.push(thread::spawn(move || run_station(worker, total, tx)));
    }
    drop(tx);

    for station in stations {
        station.join().unwrap();
    }
    reporter.join().unwrap();
}
