//! The workload chapter 20 measures, written once and run over every channel.
//!
//! One run of the workload moves `total` `u64`s from `producers` threads to
//! one consumer (the calling thread) and returns a [`Tally`] of what arrived.
//! The benchmark (`benches/throughput.rs`) times runs of it with criterion;
//! `src/bin/report.rs` turns criterion's saved samples into the chapter's
//! table and chart. Both name the channels through [`CHANNELS`], so the
//! benchmark and the report cannot disagree about what was measured.
//!
//! A channel joins the comparison with an implementation of [`Channel`] (a
//! few lines: how to make one, how to send, how to receive) and a line in
//! [`CHANNELS`].

use std::sync::mpsc;
use std::thread;

/// How many messages one run moves in total, shared out among the producers:
/// one million unless `BENCH_MESSAGES` says otherwise.
pub fn messages() -> u64 {
    match std::env::var("BENCH_MESSAGES") {
        Ok(text) => match text.trim().parse() {
            Ok(n) if n > 0 => n,
            _ => panic!("BENCH_MESSAGES must be a positive whole number, not {text:?}"),
        },
        Err(_) => 1_000_000,
    }
}

/// The producer counts measured: one waiter, and four waiters on two cores.
pub const PRODUCERS: [usize; 2] = [1, 4];

/// The name criterion files a workload's results under.
pub fn group_name(producers: usize) -> String {
    if producers == 1 {
        "1-producer".to_string()
    } else {
        format!("{producers}-producers")
    }
}

/// What the consumer saw in one run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub count: u64,
    pub sum: u64,
}

impl Tally {
    /// Panics unless every one of the `total` messages arrived exactly once.
    ///
    /// The producers send the numbers `0..total` between them, each once, so
    /// a lost, duplicated or corrupted message changes the count or the sum.
    pub fn assert_complete(self, total: u64) {
        let expected = Tally {
            count: total,
            sum: total * (total - 1) / 2,
        };
        assert_eq!(self, expected, "messages were lost or duplicated");
    }
}

/// One channel flavour under test. Associated functions rather than methods,
/// so nothing has to be implemented on other crates' types.
pub trait Channel {
    type Sender: Clone + Send + 'static;
    type Receiver;

    fn pair(&self) -> (Self::Sender, Self::Receiver);
    /// Sends, waiting for room if the channel is bounded. The consumer
    /// outlives every producer, so a failed send is a bug: panic.
    fn send(tx: &Self::Sender, value: u64);
    /// The next message, or `None` once every sender is gone and the channel
    /// is drained.
    fn recv(rx: &mut Self::Receiver) -> Option<u64>;
}

/// Moves the numbers `0..total` from `producers` threads to this thread.
pub fn run<C: Channel>(channel: &C, producers: usize, total: u64) -> Tally {
    assert!(producers > 0, "at least one producer");
    let (tx, mut rx) = channel.pair();
    let handles: Vec<_> = (0..producers as u64)
        .map(|p| {
            let tx = tx.clone();
            // Producer p sends its own slice of 0..total.
            let start = total * p / producers as u64;
            let end = total * (p + 1) / producers as u64;
            thread::spawn(move || {
                for value in start..end {
                    C::send(&tx, value);
                }
            })
        })
        .collect();
    // Only the producers' clones may keep the channel open.
    drop(tx);

    let mut tally = Tally { count: 0, sum: 0 };
    while let Some(value) = C::recv(&mut rx) {
        tally.count += 1;
        tally.sum += value;
    }
    for handle in handles {
        handle.join().expect("a producer panicked");
    }
    tally
}

/// A channel in the comparison: how criterion names it, how the chapter
/// labels it, and the workload run over it.
pub struct Entry {
    /// criterion's benchmark id, and the key in the data files.
    pub id: &'static str,
    /// The name the table and chart show.
    pub label: &'static str,
    pub run: fn(producers: usize, total: u64) -> Tally,
}

/// Every channel measured, in the order the table and chart list them.
/// The first is the baseline the ratios are taken against.
pub const CHANNELS: &[Entry] = &[
    Entry {
        id: "std-channel",
        label: "std channel()",
        run: |p, n| run(&StdChannel, p, n),
    },
    Entry {
        id: "std-sync-0",
        label: "std sync_channel(0)",
        run: |p, n| run(&StdSyncChannel(0), p, n),
    },
    Entry {
        id: "std-sync-1",
        label: "std sync_channel(1)",
        run: |p, n| run(&StdSyncChannel(1), p, n),
    },
    Entry {
        id: "std-sync-1024",
        label: "std sync_channel(1024)",
        run: |p, n| run(&StdSyncChannel(1024), p, n),
    },
    Entry {
        id: "crossbeam-unbounded",
        label: "crossbeam unbounded()",
        run: |p, n| run(&CrossbeamUnbounded, p, n),
    },
    Entry {
        id: "crossbeam-1024",
        label: "crossbeam bounded(1024)",
        run: |p, n| run(&CrossbeamBounded(1024), p, n),
    },
    Entry {
        id: "flume-unbounded",
        label: "flume unbounded()",
        run: |p, n| run(&FlumeUnbounded, p, n),
    },
    Entry {
        id: "flume-1024",
        label: "flume bounded(1024)",
        run: |p, n| run(&FlumeBounded(1024), p, n),
    },
    Entry {
        id: "tokio-1024",
        label: "tokio mpsc channel(1024)",
        run: |p, n| run(&TokioBounded(1024), p, n),
    },
    Entry {
        id: "book-19-1",
        label: "book: Mutex + Condvar (19-1)",
        run: |p, n| run(&BookMutexCondvar, p, n),
    },
    Entry {
        id: "book-19-2",
        label: "book: bounded(1024) (19-2)",
        run: |p, n| run(&BookBounded(1024), p, n),
    },
    Entry {
        id: "book-19-3",
        label: "book: optimised (19-3)",
        run: |p, n| run(&BookOptimised, p, n),
    },
    Entry {
        id: "book-19-4",
        label: "book 19-4 (spin, then sleep)",
        run: |p, n| run(&BookSpinThenSleep, p, n),
    },
];

/// `std::sync::mpsc::channel()`: unbounded.
pub struct StdChannel;

impl Channel for StdChannel {
    type Sender = mpsc::Sender<u64>;
    type Receiver = mpsc::Receiver<u64>;
    fn pair(&self) -> (Self::Sender, Self::Receiver) {
        mpsc::channel()
    }
    fn send(tx: &Self::Sender, value: u64) {
        tx.send(value).expect("receiver alive");
    }
    fn recv(rx: &mut Self::Receiver) -> Option<u64> {
        rx.recv().ok()
    }
}

/// `std::sync::mpsc::sync_channel(n)`; `n = 0` is a rendezvous channel.
pub struct StdSyncChannel(pub usize);

impl Channel for StdSyncChannel {
    type Sender = mpsc::SyncSender<u64>;
    type Receiver = mpsc::Receiver<u64>;
    fn pair(&self) -> (Self::Sender, Self::Receiver) {
        mpsc::sync_channel(self.0)
    }
    fn send(tx: &Self::Sender, value: u64) {
        tx.send(value).expect("receiver alive");
    }
    fn recv(rx: &mut Self::Receiver) -> Option<u64> {
        rx.recv().ok()
    }
}

pub struct CrossbeamUnbounded;

impl Channel for CrossbeamUnbounded {
    type Sender = crossbeam_channel::Sender<u64>;
    type Receiver = crossbeam_channel::Receiver<u64>;
    fn pair(&self) -> (Self::Sender, Self::Receiver) {
        crossbeam_channel::unbounded()
    }
    fn send(tx: &Self::Sender, value: u64) {
        tx.send(value).expect("receiver alive");
    }
    fn recv(rx: &mut Self::Receiver) -> Option<u64> {
        rx.recv().ok()
    }
}

pub struct CrossbeamBounded(pub usize);

impl Channel for CrossbeamBounded {
    type Sender = crossbeam_channel::Sender<u64>;
    type Receiver = crossbeam_channel::Receiver<u64>;
    fn pair(&self) -> (Self::Sender, Self::Receiver) {
        crossbeam_channel::bounded(self.0)
    }
    fn send(tx: &Self::Sender, value: u64) {
        tx.send(value).expect("receiver alive");
    }
    fn recv(rx: &mut Self::Receiver) -> Option<u64> {
        rx.recv().ok()
    }
}

pub struct FlumeUnbounded;

impl Channel for FlumeUnbounded {
    type Sender = flume::Sender<u64>;
    type Receiver = flume::Receiver<u64>;
    fn pair(&self) -> (Self::Sender, Self::Receiver) {
        flume::unbounded()
    }
    fn send(tx: &Self::Sender, value: u64) {
        tx.send(value).expect("receiver alive");
    }
    fn recv(rx: &mut Self::Receiver) -> Option<u64> {
        rx.recv().ok()
    }
}

pub struct FlumeBounded(pub usize);

impl Channel for FlumeBounded {
    type Sender = flume::Sender<u64>;
    type Receiver = flume::Receiver<u64>;
    fn pair(&self) -> (Self::Sender, Self::Receiver) {
        flume::bounded(self.0)
    }
    fn send(tx: &Self::Sender, value: u64) {
        tx.send(value).expect("receiver alive");
    }
    fn recv(rx: &mut Self::Receiver) -> Option<u64> {
        rx.recv().ok()
    }
}

/// `tokio::sync::mpsc::channel(n)`, used from plain threads through its
/// blocking methods: no runtime is involved. (tokio's channel has no
/// zero-capacity mode; `channel(0)` panics.)
pub struct TokioBounded(pub usize);

impl Channel for TokioBounded {
    type Sender = tokio::sync::mpsc::Sender<u64>;
    type Receiver = tokio::sync::mpsc::Receiver<u64>;
    fn pair(&self) -> (Self::Sender, Self::Receiver) {
        tokio::sync::mpsc::channel(self.0)
    }
    fn send(tx: &Self::Sender, value: u64) {
        tx.blocking_send(value).expect("receiver alive");
    }
    fn recv(rx: &mut Self::Receiver) -> Option<u64> {
        rx.blocking_recv()
    }
}

/// Chapter 19, stage 1: one `Mutex<VecDeque>` and one `Condvar`.
pub struct BookMutexCondvar;

impl Channel for BookMutexCondvar {
    type Sender = listing_19_01_mutex_condvar::Sender<u64>;
    type Receiver = listing_19_01_mutex_condvar::Receiver<u64>;
    fn pair(&self) -> (Self::Sender, Self::Receiver) {
        listing_19_01_mutex_condvar::channel()
    }
    fn send(tx: &Self::Sender, value: u64) {
        tx.send(value).expect("receiver alive");
    }
    fn recv(rx: &mut Self::Receiver) -> Option<u64> {
        rx.recv().ok()
    }
}

/// Chapter 19, stage 2: stage 1 plus a capacity and a second `Condvar`.
pub struct BookBounded(pub usize);

impl Channel for BookBounded {
    type Sender = listing_19_02_bounded::SyncSender<u64>;
    type Receiver = listing_19_02_bounded::Receiver<u64>;
    fn pair(&self) -> (Self::Sender, Self::Receiver) {
        listing_19_02_bounded::sync_channel(self.0)
    }
    fn send(tx: &Self::Sender, value: u64) {
        tx.send(value).expect("receiver alive");
    }
    fn recv(rx: &mut Self::Receiver) -> Option<u64> {
        rx.recv().ok()
    }
}

/// Chapter 19, stage 3: the optimised unbounded channel.
pub struct BookOptimised;

impl Channel for BookOptimised {
    type Sender = listing_19_03_optimised::Sender<u64>;
    type Receiver = listing_19_03_optimised::Receiver<u64>;
    fn pair(&self) -> (Self::Sender, Self::Receiver) {
        listing_19_03_optimised::channel()
    }
    fn send(tx: &Self::Sender, value: u64) {
        tx.send(value).expect("receiver alive");
    }
    fn recv(rx: &mut Self::Receiver) -> Option<u64> {
        rx.recv().ok()
    }
}

/// Chapter 19, stage 4: stage 3 plus a bounded spin before the receiver
/// sleeps, and one wake-up per sleep.
pub struct BookSpinThenSleep;

impl Channel for BookSpinThenSleep {
    type Sender = listing_19_04_spin_then_sleep::Sender<u64>;
    type Receiver = listing_19_04_spin_then_sleep::Receiver<u64>;
    fn pair(&self) -> (Self::Sender, Self::Receiver) {
        listing_19_04_spin_then_sleep::channel()
    }
    fn send(tx: &Self::Sender, value: u64) {
        tx.send(value).expect("receiver alive");
    }
    fn recv(rx: &mut Self::Receiver) -> Option<u64> {
        rx.recv().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tally_catches_a_lost_message() {
        let mut t = run(&StdChannel, 4, 1000);
        t.assert_complete(1000);
        t.count -= 1;
        t.sum -= 7;
        let caught = std::panic::catch_unwind(|| t.assert_complete(1000));
        assert!(caught.is_err());
    }

    #[test]
    fn ids_are_unique() {
        for (i, a) in CHANNELS.iter().enumerate() {
            for b in &CHANNELS[i + 1..] {
                assert_ne!(a.id, b.id);
            }
        }
    }
}
