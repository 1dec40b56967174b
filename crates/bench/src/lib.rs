//! Chapter 20's benchmark: the workloads, written once and run over every
//! channel, and what turns their measurements into the chapter's figures.
//!
//! Two workloads, each a [`Cell`] of a round:
//!
//! - **throughput**: `producers` threads move `total` `u64`s to one consumer
//!   (the calling thread); the run is timed by the wall clock and by the
//!   OS's CPU clocks, for the whole process and for the consumer alone;
//! - **latency**: one thread sends a number, a second sends it straight back
//!   on a second channel of the same kind; each round trip goes into a
//!   histogram.
//!
//! A channel joins the comparison with one `entry!` line in [`CHANNELS`].
//! [`rounds`] runs the cells in interleaved rounds, [`report`] writes the
//! data, figures and charts, [`figures`] says what the data supports.

pub mod chart;
pub mod figures;
pub mod report;
pub mod rounds;
pub mod watchdog;

use hdrhistogram::Histogram;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// The producer counts measured: one waiter, and four waiters on two cores.
pub const PRODUCERS: [usize; 2] = [1, 4];

/// How far a workload has got, for the [`watchdog::Watchdog`]: the consumer
/// stores its count now and then, never on every message, so watching costs
/// the measured loop one branch per message.
#[derive(Debug, Default)]
pub struct Progress(AtomicU64);

impl Progress {
    /// How often (in messages) the consumer reports its count.
    const EVERY: u64 = 1024;

    pub fn set(&self, n: u64) {
        self.0.store(n, Ordering::Relaxed);
    }

    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// What the consumer saw in one throughput run.
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
    pub fn assert_complete(self, total: u64, what: &str) {
        let expected = Tally {
            count: total,
            sum: total * (total - 1) / 2,
        };
        assert_eq!(self, expected, "{what}: messages were lost or duplicated");
    }
}

/// One throughput run: what arrived, and what it cost.
#[derive(Debug, Clone, Copy)]
pub struct Throughput {
    pub tally: Tally,
    /// Wall-clock time from before the channel is made to after the last
    /// producer is joined.
    pub wall: Duration,
    /// CPU time of the whole process over the same span: every producer, the
    /// consumer, and whatever runtime the channel needs.
    pub cpu: Duration,
    /// CPU time of the consumer thread alone, while it received.
    pub recv_cpu: Duration,
}

/// The OS's CPU clock of this process (all its threads, those that have
/// ended included) or of the calling thread.
pub fn cpu_time(thread: bool) -> Duration {
    use rustix::time::{ClockId, clock_gettime};
    let t = clock_gettime(if thread {
        ClockId::ThreadCPUTime
    } else {
        ClockId::ProcessCPUTime
    });
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
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
    progress: &Progress,
) -> Throughput
where
    S: Clone + Send + 'static,
    M: Received,
{
    assert!(producers > 0, "at least one producer");
    let (start, cpu) = (Instant::now(), cpu_time(false));
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

    let recv_cpu = cpu_time(true);
    let mut tally = Tally { count: 0, sum: 0 };
    while let Some(value) = recv(&mut rx).message() {
        tally.count += 1;
        tally.sum += value;
        if tally.count.is_multiple_of(Progress::EVERY) {
            progress.set(tally.count);
        }
    }
    let recv_cpu = cpu_time(true) - recv_cpu;
    for handle in handles {
        handle.join().expect("a producer panicked");
    }
    Throughput {
        tally,
        wall: start.elapsed(),
        cpu: cpu_time(false) - cpu,
        recv_cpu,
    }
}

/// A histogram of round trips in nanoseconds, from one to a minute.
pub fn histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 60_000_000_000, 3).expect("valid bounds")
}

/// Sends `trips` numbers, one at a time, from this thread to an echo thread
/// and back, through two channels `pair` makes, and records each round trip.
/// Panics if an echo is not the number sent.
pub fn ping_pong<S, R, M>(
    pair: impl Fn() -> (S, R),
    send: fn(&S, u64),
    mut recv: impl FnMut(&mut R) -> M + Clone + Send + 'static,
    trips: u64,
    progress: &Progress,
) -> Histogram<u64>
where
    S: Send + 'static,
    R: Send + 'static,
    M: Received,
{
    let (ping_tx, mut ping_rx) = pair();
    let (pong_tx, mut pong_rx) = pair();
    let mut echo_recv = recv.clone();
    let echo = thread::spawn(move || {
        while let Some(value) = echo_recv(&mut ping_rx).message() {
            send(&pong_tx, value);
        }
    });
    let mut hist = histogram();
    for trip in 0..trips {
        let start = Instant::now();
        send(&ping_tx, trip);
        let back = recv(&mut pong_rx).message();
        let took = start.elapsed();
        assert_eq!(back, Some(trip), "the echo answered with another number");
        hist.saturating_record(took.as_nanos().max(1) as u64);
        progress.set(trip + 1);
    }
    drop(ping_tx);
    echo.join().expect("the echo thread panicked");
    hist
}

/// A channel in the comparison: its id in the data files, the name the
/// chapter shows, how many messages one throughput run moves, and the two
/// workloads run over it.
pub struct Entry {
    /// The key in the data files.
    pub id: &'static str,
    /// The name the table and charts show.
    pub label: &'static str,
    /// Messages per throughput run in the full benchmark. Each channel gets
    /// about as many as it moves in a tenth of a second on a quiet machine,
    /// so a round of every channel takes seconds and many rounds fit in
    /// minutes. Throughput is messages per second, so channels measured
    /// with different counts still compare; a run is long enough that starting
    /// and joining the threads stays a small part of it.
    pub messages: u64,
    pub run: fn(producers: usize, total: u64, progress: &Progress) -> Throughput,
    pub ping: fn(trips: u64, progress: &Progress) -> Histogram<u64>,
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
            run: |producers, total, progress| {
                run(
                    || $pair,
                    |tx, value| tx.$send(value).expect("receiver alive"),
                    |rx| rx.$recv(),
                    producers,
                    total,
                    progress,
                )
            },
            ping: |trips, progress| {
                ping_pong(
                    || $pair,
                    |tx, value| tx.$send(value).expect("receiver alive"),
                    |rx| rx.$recv(),
                    trips,
                    progress,
                )
            },
        }
    };
}

/// Channels that move tens of millions of messages a second.
const FAST: u64 = 2_000_000;
/// Channels that move millions a second.
const MEDIUM: u64 = 500_000;
/// The rendezvous and one-slot channels, which move tens of thousands a
/// second: every message is a hand-over between sleeping threads.
const SLOW: u64 = 5_000;

/// Every channel measured, in the order the table and charts list them.
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
        MEDIUM,
        flume::unbounded()
    ),
    entry!(
        "flume-1024",
        "flume bounded(1024)",
        MEDIUM,
        flume::bounded(1024)
    ),
    // From plain threads through its blocking methods: each call runs the
    // async send or receive to completion with `block_on`, parking the
    // thread through tokio's own parker when it must wait. So this measures
    // the channel *and* that bridge. (tokio's channel has no zero-capacity
    // mode; `channel(0)` panics.)
    entry!(
        "tokio-1024",
        "tokio channel(1024), blocking bridge",
        MEDIUM,
        tokio::sync::mpsc::channel(1024),
        blocking_send,
        blocking_recv
    ),
    // The same channel between tasks inside a runtime, as it is meant to be
    // used: see `tokio_tasks`.
    Entry {
        id: "tokio-1024-tasks",
        label: "tokio channel(1024), task to task",
        messages: MEDIUM,
        run: tokio_tasks::run,
        ping: tokio_tasks::ping,
    },
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
        MEDIUM,
        listing_19_03_optimised::channel()
    ),
    entry!(
        "book-19-4",
        "book: spin, then sleep (19-4)",
        MEDIUM,
        listing_19_04_spin_then_sleep::channel()
    ),
];

/// The channel with this id.
pub fn entry(id: &str) -> Option<&'static Entry> {
    CHANNELS.iter().find(|e| e.id == id)
}

/// tokio's channel between tasks on a multi-threaded runtime with one worker
/// per core: the producers and the consumer are tasks, and a task that must
/// wait yields to the runtime instead of parking its thread.
mod tokio_tasks {
    use super::{Progress, Tally, Throughput, cpu_time, histogram};
    use hdrhistogram::Histogram;
    use std::time::Instant;
    use tokio::sync::mpsc;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_multi_thread()
            .build()
            .expect("a tokio runtime")
    }

    pub fn run(producers: usize, total: u64, progress: &Progress) -> Throughput {
        let (start, cpu) = (Instant::now(), cpu_time(false));
        let rt = runtime();
        let (tally, recv_cpu) = rt.block_on(async {
            let (tx, mut rx) = mpsc::channel::<u64>(1024);
            let tasks: Vec<_> = (0..producers as u64)
                .map(|p| {
                    let tx = tx.clone();
                    let start = total * p / producers as u64;
                    let end = total * (p + 1) / producers as u64;
                    tokio::spawn(async move {
                        for value in start..end {
                            tx.send(value).await.expect("receiver alive");
                        }
                    })
                })
                .collect();
            drop(tx);
            // The consumer runs on this thread (`block_on`), so its CPU clock
            // is the receiving side's, as in the thread workload.
            let recv_cpu = cpu_time(true);
            let mut tally = Tally { count: 0, sum: 0 };
            while let Some(value) = rx.recv().await {
                tally.count += 1;
                tally.sum += value;
                if tally.count.is_multiple_of(Progress::EVERY) {
                    progress.set(tally.count);
                }
            }
            let recv_cpu = cpu_time(true) - recv_cpu;
            for task in tasks {
                task.await.expect("a producer task panicked");
            }
            (tally, recv_cpu)
        });
        drop(rt);
        Throughput {
            tally,
            wall: start.elapsed(),
            cpu: cpu_time(false) - cpu,
            recv_cpu,
        }
    }

    pub fn ping(trips: u64, progress: &Progress) -> Histogram<u64> {
        runtime().block_on(async {
            let (ping_tx, mut ping_rx) = mpsc::channel::<u64>(1024);
            let (pong_tx, mut pong_rx) = mpsc::channel::<u64>(1024);
            let echo = tokio::spawn(async move {
                while let Some(value) = ping_rx.recv().await {
                    pong_tx.send(value).await.expect("pinger alive");
                }
            });
            let mut hist = histogram();
            for trip in 0..trips {
                let start = Instant::now();
                ping_tx.send(trip).await.expect("echo alive");
                let back = pong_rx.recv().await;
                let took = start.elapsed();
                assert_eq!(back, Some(trip), "the echo answered with another number");
                hist.saturating_record(took.as_nanos().max(1) as u64);
                progress.set(trip + 1);
            }
            drop(ping_tx);
            echo.await.expect("the echo task panicked");
            hist
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tally_catches_a_lost_message() {
        let p = Progress::default();
        let mut t = (CHANNELS[0].run)(4, 1000, &p).tally;
        t.assert_complete(1000, "std");
        t.count -= 1;
        t.sum -= 7;
        let caught = std::panic::catch_unwind(|| t.assert_complete(1000, "std"));
        assert!(caught.is_err());
    }

    /// Every channel, under both workloads, delivers every message and
    /// answers every ping; a stuck channel fails within the watchdog's limit
    /// of no progress, naming the channel.
    #[test]
    fn every_channel_delivers_everything() {
        let mut seen = Vec::new();
        let done = rounds::smoke(&mut |line| seen.push(line.to_string()));
        assert_eq!(done.throughput.len(), CHANNELS.len() * PRODUCERS.len());
        assert_eq!(done.latency.len(), CHANNELS.len());
        assert!(
            seen.iter()
                .any(|l| l.contains("std sync_channel(0) (std-sync-0), ping-pong"))
        );
    }

    #[test]
    fn ids_are_unique() {
        for (i, a) in CHANNELS.iter().enumerate() {
            for b in &CHANNELS[i + 1..] {
                assert_ne!(a.id, b.id);
                assert_ne!(a.label, b.label);
            }
        }
    }

    #[test]
    fn cpu_clocks_advance_with_work() {
        let (p0, t0) = (cpu_time(false), cpu_time(true));
        let mut x = 0u64;
        let start = Instant::now();
        while start.elapsed() < Duration::from_millis(20) {
            x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(1));
        }
        // The thread's clock first: the process's, read after, includes it.
        let t1 = cpu_time(true);
        let p1 = cpu_time(false);
        assert!(t1 > t0);
        assert!(p1 - p0 >= t1 - t0);
    }
}
