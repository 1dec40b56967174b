//! The workload chapter 20 measures, written once and run over every channel.
//!
//! One run of the workload moves `total` `u64`s from `producers` threads to
//! one consumer (the calling thread) and returns a [`Tally`] of what arrived.
//! The benchmark (`benches/throughput.rs`) times runs of it with criterion;
//! `src/bin/report.rs` turns criterion's saved samples into the chapter's
//! table and chart. Both name the channels through [`CHANNELS`], so the
//! benchmark and the report cannot disagree about what was measured.
//!
//! A channel joins the comparison with one `entry!` line in [`CHANNELS`]: its
//! name, its messages per run and how to make one (and, when its blocking
//! methods are not called `send` and `recv`, their names).

pub mod claims;

use std::sync::mpsc;
use std::thread;

/// How many messages one run of a channel moves in total, shared out among
/// the producers: the channel's own [`Entry::messages`], unless
/// `BENCH_MESSAGES` overrides it for every channel (the smoke test does).
pub fn messages(entry: &Entry) -> u64 {
    match std::env::var("BENCH_MESSAGES") {
        Ok(text) => match text.trim().parse() {
            Ok(n) if n > 0 => n,
            _ => panic!("BENCH_MESSAGES must be a positive whole number, not {text:?}"),
        },
        Err(_) => entry.messages,
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

/// What a receive returns, as "the next message, or `None` once the channel is
/// closed and drained": `Result` for most channels, `Option` for tokio's.
pub trait Received {
    fn message(self) -> Option<u64>;
}

impl<E> Received for Result<u64, E> {
    fn message(self) -> Option<u64> {
        self.ok()
    }
}

impl Received for Option<u64> {
    fn message(self) -> Option<u64> {
        self
    }
}

/// Moves the numbers `0..total` from `producers` threads to this thread,
/// through the channel `pair` makes, sending with `send` and receiving with
/// `recv` until every sender is gone. The consumer outlives every producer,
/// so a failed send is a bug: `send` panics.
pub fn run<S, R, M>(
    pair: impl FnOnce() -> (S, R),
    send: fn(&S, u64),
    mut recv: impl FnMut(&mut R) -> M,
    producers: usize,
    total: u64,
) -> Tally
where
    S: Clone + Send + 'static,
    M: Received,
{
    assert!(producers > 0, "at least one producer");
    let (tx, mut rx) = pair();
    let handles: Vec<_> = (0..producers as u64)
        .map(|p| {
            let tx = tx.clone();
            // Producer p sends its own slice of 0..total.
            let start = total * p / producers as u64;
            let end = total * (p + 1) / producers as u64;
            thread::spawn(move || {
                for value in start..end {
                    send(&tx, value);
                }
            })
        })
        .collect();
    // Only the producers' clones may keep the channel open.
    drop(tx);

    let mut tally = Tally { count: 0, sum: 0 };
    while let Some(value) = recv(&mut rx).message() {
        tally.count += 1;
        tally.sum += value;
    }
    for handle in handles {
        handle.join().expect("a producer panicked");
    }
    tally
}

/// A channel in the comparison: how criterion names it, how the chapter
/// labels it, how many messages one run moves, and the workload run over it.
pub struct Entry {
    /// criterion's benchmark id, and the key in the data files.
    pub id: &'static str,
    /// The name the table and chart show.
    pub label: &'static str,
    /// Messages per run. Each channel gets as many as it moves in about a
    /// tenth to a third of a second on the book's machine, so the slowest
    /// channels' ten samples take seconds, not minutes, and the whole
    /// benchmark stays under three minutes. Throughput is messages per second,
    /// so channels measured with different counts still compare; a run is
    /// long enough that starting and joining the threads stays a small part.
    pub messages: u64,
    pub run: fn(producers: usize, total: u64) -> Tally,
}

/// One [`Entry`]: `pair` makes the channel; its ends are used through
/// `send` and `recv` (the blocking methods), or the methods named after it.
macro_rules! entry {
    ($id:literal, $label:literal, $messages:expr, $pair:expr) => {
        entry!($id, $label, $messages, $pair, send, recv)
    };
    ($id:literal, $label:literal, $messages:expr, $pair:expr, $send:ident, $recv:ident) => {
        Entry {
            id: $id,
            label: $label,
            messages: $messages,
            run: |producers, total| {
                run(
                    || $pair,
                    |tx, value| tx.$send(value).expect("receiver alive"),
                    |rx| rx.$recv(),
                    producers,
                    total,
                )
            },
        }
    };
}

/// A million messages per run: channels that move millions a second.
const FAST: u64 = 1_000_000;
/// A quarter of a million: channels that move one to five million a second.
const MEDIUM: u64 = 250_000;
/// Ten thousand: the rendezvous and one-slot channels, which move tens of
/// thousands a second (a million took them up to 43 s a run).
const SLOW: u64 = 10_000;

/// Every channel measured, in the order the table and chart list them.
/// The first is the baseline the ratios are taken against.
pub const CHANNELS: &[Entry] = &[
    entry!("std-channel", "std channel()", FAST, mpsc::channel()),
    entry!(
        "std-sync-0",
        "std sync_channel(0)",
        SLOW,
        mpsc::sync_channel(0)
    ),
    entry!(
        "std-sync-1",
        "std sync_channel(1)",
        SLOW,
        mpsc::sync_channel(1)
    ),
    entry!(
        "std-sync-1024",
        "std sync_channel(1024)",
        FAST,
        mpsc::sync_channel(1024)
    ),
    entry!(
        "crossbeam-unbounded",
        "crossbeam unbounded()",
        FAST,
        crossbeam_channel::unbounded()
    ),
    entry!(
        "crossbeam-1024",
        "crossbeam bounded(1024)",
        FAST,
        crossbeam_channel::bounded(1024)
    ),
    entry!(
        "flume-unbounded",
        "flume unbounded()",
        FAST,
        flume::unbounded()
    ),
    entry!(
        "flume-1024",
        "flume bounded(1024)",
        FAST,
        flume::bounded(1024)
    ),
    // Used from plain threads through its blocking methods: no runtime is
    // involved. (tokio's channel has no zero-capacity mode; `channel(0)`
    // panics.)
    entry!(
        "tokio-1024",
        "tokio mpsc channel(1024)",
        MEDIUM,
        tokio::sync::mpsc::channel(1024),
        blocking_send,
        blocking_recv
    ),
    // Chapter 19's four stages: one `Mutex<VecDeque>` and one `Condvar`; the
    // same bounded, with a second `Condvar`; the optimised unbounded channel;
    // and that with a bounded spin before the receiver sleeps.
    entry!(
        "book-19-1",
        "book: Mutex + Condvar (19-1)",
        MEDIUM,
        listing_19_01_mutex_condvar::channel()
    ),
    entry!(
        "book-19-2",
        "book: bounded(1024) (19-2)",
        MEDIUM,
        listing_19_02_bounded::sync_channel(1024)
    ),
    entry!(
        "book-19-3",
        "book: optimised (19-3)",
        FAST,
        listing_19_03_optimised::channel()
    ),
    entry!(
        "book-19-4",
        "book 19-4 (spin, then sleep)",
        FAST,
        listing_19_04_spin_then_sleep::channel()
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tally_catches_a_lost_message() {
        let mut t = (CHANNELS[0].run)(4, 1000);
        t.assert_complete(1000);
        t.count -= 1;
        t.sum -= 7;
        let caught = std::panic::catch_unwind(|| t.assert_complete(1000));
        assert!(caught.is_err());
    }

    #[test]
    fn every_channel_delivers_everything() {
        for producers in PRODUCERS {
            for entry in CHANNELS {
                (entry.run)(producers, 500).assert_complete(500);
            }
        }
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
