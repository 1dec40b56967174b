// ANCHOR: solution
use std::collections::BTreeMap;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

/// A worker reports at most this many finished items in one `Advanced`.
pub const BATCH: u64 = 4;

/// What a worker tells the reporter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    Started { worker: usize, total: u64 },
    Advanced { worker: usize, n: u64 },
    Finished { worker: usize },
}

/// What the reporter knows about one worker once the channel is closed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The `total` of the worker's `Started` event.
    pub total: u64,
    /// The sum of the `n`s of its `Advanced` events.
    pub done: u64,
    /// How many `Advanced` events it sent.
    pub updates: u32,
    /// Whether its `Finished` event arrived.
    pub finished: bool,
}

/// Everything the reporter received, and what it made of it.
#[derive(Debug, Default)]
pub struct Report {
    /// Every event, in the order the reporter received it.
    pub log: Vec<Progress>,
    /// One summary per worker that sent at least one event.
    pub summaries: BTreeMap<usize, Summary>,
}

/// One worker: works through `total` items and tells the reporter about it,
/// `Started` first, then one `Advanced` per batch of up to `BATCH` items,
/// then `Finished`.
pub fn work(worker: usize, total: u64, progress: Sender<Progress>) {
    progress.send(Progress::Started { worker, total }).unwrap();
    let mut left = total;
    while left > 0 {
        let n = left.min(BATCH);
        left -= n;
        progress.send(Progress::Advanced { worker, n }).unwrap();
    }
    progress.send(Progress::Finished { worker }).unwrap();
}

/// The reporter: receives until every `Sender` is gone, and sums up.
pub fn report(events: Receiver<Progress>) -> Report {
    let mut report = Report::default();
    for event in events {
        report.log.push(event);
        match event {
            Progress::Started { worker, total } => {
                report.summaries.entry(worker).or_default().total = total;
            }
            Progress::Advanced { worker, n } => {
                let summary = report.summaries.entry(worker).or_default();
                summary.done += n;
                summary.updates += 1;
            }
            Progress::Finished { worker } => {
                report.summaries.entry(worker).or_default().finished = true;
            }
        }
    }
    report
}

/// Starts one worker thread per entry of `totals` (worker `i` has
/// `totals[i]` items) and one reporter thread, and returns the report.
pub fn run_workers(totals: &[u64]) -> Report {
    let (tx, rx) = mpsc::channel();
    let reporter = thread::spawn(move || report(rx));
    for (worker, &total) in totals.iter().enumerate() {
        let tx = tx.clone();
        thread::spawn(move || work(worker, total, tx));
    }
    // Only the workers may keep the channel open.
    drop(tx);
    reporter.join().unwrap()
}
// ANCHOR_END: solution
