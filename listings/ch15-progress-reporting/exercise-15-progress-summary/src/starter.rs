// ANCHOR: starter
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
    // TODO: send `Started`, then one `Advanced` per batch of up to `BATCH`
    // items (the last batch may be smaller), then `Finished`.
    let _ = (worker, total, progress);
}

/// The reporter: receives until every `Sender` is gone, and sums up.
pub fn report(events: Receiver<Progress>) -> Report {
    let mut report = Report::default();
    for event in events {
        report.log.push(event);
        // TODO: update `report.summaries` for the event's worker: `total`
        // from `Started`, `done` and `updates` from each `Advanced`,
        // `finished` from `Finished`.
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
// ANCHOR_END: starter
