use std::collections::BTreeMap;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::Duration;

enum Progress {
    Started { worker: usize, total: u64 },
    Advanced { worker: usize, n: u64 },
    Finished { worker: usize },
}

const STATIONS: [(&str, u64); 3] = [("grill", 12), ("fryer", 9), ("salads", 15)];
const FRYER: usize = 1;

// ANCHOR: shown
fn run_station(worker: usize, total: u64, progress: Sender<Progress>) {
    progress.send(Progress::Started { worker, total }).unwrap();
    let mut left = total;
    while left > 0 {
        if worker == FRYER && total - left >= total / 2 {
            panic!("the fryer caught fire");
        }
        // ANCHOR_END: shown
        let batch = left.min(4);
        thread::sleep(Duration::from_millis(batch));
        left -= batch;
        progress
            .send(Progress::Advanced { worker, n: batch })
            .unwrap();
    }
    progress.send(Progress::Finished { worker }).unwrap();
}

#[derive(Default)]
struct Tally {
    total: u64,
    done: u64,
    updates: u32,
    finished: bool,
}

// The reporter of Listing 15-1 without its bars: the tally and the summary.
fn report(events: Receiver<Progress>) {
    let mut tallies: BTreeMap<usize, Tally> = BTreeMap::new();
    for event in events {
        match event {
            Progress::Started { worker, total } => tallies.entry(worker).or_default().total = total,
            Progress::Advanced { worker, n } => {
                let tally = tallies.entry(worker).or_default();
                tally.done += n;
                tally.updates += 1;
            }
            Progress::Finished { worker } => tallies.entry(worker).or_default().finished = true,
        }
    }
    let mut dishes = 0;
    for (worker, t) in &tallies {
        let state = if t.finished {
            "finished"
        } else {
            "STOPPED EARLY"
        };
        let name = STATIONS[*worker].0;
        println!(
            "{name}: {} of {} dishes in {} updates, {state}",
            t.done, t.total, t.updates
        );
        dishes += t.done;
    }
    println!("all stations reported: {dishes} dishes");
}

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

    // ANCHOR: shown
    // The reporter first: its loop ends once every station's Sender is gone,
    // the fryer's included, so the summary is printed before main can panic.
    reporter.join().unwrap();
    for station in stations {
        station.join().unwrap();
    }
    // ANCHOR_END: shown
}
