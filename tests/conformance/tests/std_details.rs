//! What std 1.95's channels do beyond the suite's guarantees: the details
//! chapters 3 to 6 state (happens-before through a message, timeouts of zero
//! and of `Duration::MAX`, stray wake-ups, the park token, `try_iter`, where
//! buffered messages are dropped, a `Sender` inside a message, a freed slot,
//! a rendezvous with `recv_timeout`). The listings show each once; these play
//! each on every kind of std channel, many times where a race could hide a
//! failure. Each runs under the suite's watchdog, which judges progress.

use conformance::{progress, record_step, run_with_watchdog, stall_limit};
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, SyncSender, TryRecvError};
use std::sync::{Arc, Mutex};
use std::thread::{self, ThreadId};
use std::time::{Duration, Instant};

/// Rounds of the happens-before check (times `CONFORMANCE_SCALE`).
const HB_ROUNDS: u64 = 20_000;
/// Rounds of the freed-slot race.
const SLOT_ROUNDS: u32 = 200;
/// Rounds of the rendezvous with `recv_timeout`.
const RENDEZVOUS_ROUNDS: u32 = 200;

/// What the book quotes of this file: a check's name and, for those whose
/// count it gives, the count. `the_books_quotes_match` holds the chapters
/// to it.
const QUOTED_COUNTS: &[(&str, u64)] = &[
    ("send_happens_before_recv", HB_ROUNDS),
    ("freed_slot_loses_nothing", SLOT_ROUNDS as u64),
    ("rendezvous_meets_recv_timeout", RENDEZVOUS_ROUNDS as u64),
];

/// A kind of std channel: `None` for `channel()`, `Some(n)` for
/// `sync_channel(n)`.
#[derive(Clone, Copy, Debug)]
struct Kind(Option<usize>);

/// Either sending half, so one test body covers every kind.
enum Tx<T> {
    Unbounded(Sender<T>),
    Bounded(SyncSender<T>),
}

impl<T> Clone for Tx<T> {
    fn clone(&self) -> Self {
        match self {
            Tx::Unbounded(tx) => Tx::Unbounded(tx.clone()),
            Tx::Bounded(tx) => Tx::Bounded(tx.clone()),
        }
    }
}

impl<T> Tx<T> {
    fn send(&self, value: T) -> Result<(), mpsc::SendError<T>> {
        match self {
            Tx::Unbounded(tx) => tx.send(value),
            Tx::Bounded(tx) => tx.send(value),
        }
    }

    fn try_send(&self, value: T) -> Result<(), mpsc::TrySendError<T>> {
        match self {
            Tx::Unbounded(tx) => tx
                .send(value)
                .map_err(|e| mpsc::TrySendError::Disconnected(e.0)),
            Tx::Bounded(tx) => tx.try_send(value),
        }
    }
}

impl Kind {
    fn channel<T>(self) -> (Tx<T>, Receiver<T>) {
        match self.0 {
            None => {
                let (tx, rx) = mpsc::channel();
                (Tx::Unbounded(tx), rx)
            }
            Some(n) => {
                let (tx, rx) = mpsc::sync_channel(n);
                (Tx::Bounded(tx), rx)
            }
        }
    }

    /// Can this kind hold `n` messages with nobody receiving?
    fn buffers(self, n: usize) -> bool {
        self.0.is_none_or(|cap| cap >= n)
    }
}

/// Polls `attempt` until it gives `Some`, yielding between tries; the
/// watchdog ends the test if it never does.
fn until<T>(step: &str, mut attempt: impl FnMut() -> Option<T>) -> T {
    record_step(step);
    loop {
        if let Some(v) = attempt() {
            return v;
        }
        thread::yield_now();
    }
}

/// A send happens-before the recv that takes its message: Relaxed stores
/// made before the send, and the message's own data, are seen after the
/// recv, in every round.
fn send_happens_before_recv(kind: Kind) {
    let rounds = HB_ROUNDS * conformance::scale() as u64;
    let shared = Arc::new([AtomicU64::new(0), AtomicU64::new(0)]);
    let (tx, rx) = kind.channel::<(u64, Vec<u64>)>();
    let writer = {
        let shared = Arc::clone(&shared);
        thread::spawn(move || {
            for round in 1..=rounds {
                shared[0].store(round, Relaxed);
                shared[1].store(round * 3, Relaxed);
                tx.send((round, vec![round; 4])).unwrap();
            }
        })
    };
    record_step("receiving the rounds");
    for round in 1..=rounds {
        let (got, data) = rx.recv().unwrap();
        assert_eq!(got, round);
        assert_eq!(data, vec![round; 4], "the message's own data");
        // Later rounds may already have stored more; never less.
        let (a, b) = (shared[0].load(Relaxed), shared[1].load(Relaxed));
        assert!(
            a >= round,
            "round {round}: a Relaxed store before the send was not seen ({a})"
        );
        assert!(
            b >= round * 3,
            "round {round}: the second store was not seen ({b})"
        );
        progress();
    }
    writer.join().unwrap();
}

/// `recv_timeout(Duration::ZERO)` takes a message that is there (on a
/// rendezvous channel: from a sender already waiting), and otherwise answers
/// `Timeout` or `Disconnected` without waiting.
fn recv_timeout_zero(kind: Kind) {
    let (tx, rx) = kind.channel::<u32>();
    assert_eq!(
        rx.recv_timeout(Duration::ZERO),
        Err(RecvTimeoutError::Timeout)
    );
    if kind.buffers(1) {
        tx.send(1).unwrap();
        assert_eq!(rx.recv_timeout(Duration::ZERO), Ok(1));
    } else {
        let sender = {
            let tx = tx.clone();
            thread::spawn(move || tx.send(1))
        };
        let got = until("recv_timeout(ZERO) meeting a blocked sender", || {
            rx.recv_timeout(Duration::ZERO).ok()
        });
        assert_eq!(got, 1);
        sender.join().unwrap().unwrap();
    }
    drop(tx);
    assert_eq!(
        rx.recv_timeout(Duration::ZERO),
        Err(RecvTimeoutError::Disconnected)
    );
}

/// A timeout too large for an `Instant` waits like `recv`: it returns the
/// message that comes, or `Disconnected` when the last sender goes while it
/// waits; it never panics and never times out.
fn recv_timeout_huge(kind: Kind) {
    let huge = [
        Duration::MAX,
        Duration::from_secs(u64::MAX),
        Duration::from_secs(i64::MAX as u64),
        Duration::from_secs(100 * 365 * 24 * 60 * 60),
    ];
    for timeout in huge {
        let (tx, rx) = kind.channel::<u32>();
        let sender = thread::spawn(move || {
            tx.send(7).unwrap();
            // `tx` is dropped here, while the receiver waits again.
        });
        record_step(format!("recv_timeout({timeout:?}) waiting for a message"));
        assert_eq!(rx.recv_timeout(timeout), Ok(7));
        record_step(format!(
            "recv_timeout({timeout:?}) waiting for the disconnection"
        ));
        assert_eq!(
            rx.recv_timeout(timeout),
            Err(RecvTimeoutError::Disconnected)
        );
        sender.join().unwrap();
    }
}

/// How a test waits for a message with a time limit: std's `recv_timeout`,
/// or a deliberately broken stand-in (see `the_checks_can_fail`).
type WaitFor = fn(&Receiver<u32>, Duration) -> Result<u32, RecvTimeoutError>;

fn std_wait(rx: &Receiver<u32>, timeout: Duration) -> Result<u32, RecvTimeoutError> {
    rx.recv_timeout(timeout)
}

/// Unparking a thread that waits in `recv_timeout` does not end its wait:
/// only the message does, however many stray wake-ups come first.
fn stray_unparks_never_end_a_wait(kind: Kind) {
    check_stray_unparks(kind, std_wait);
}

fn check_stray_unparks(kind: Kind, wait: WaitFor) {
    for round in 0..20 {
        let (tx, rx) = kind.channel::<u32>();
        let waiting = Arc::new(AtomicBool::new(false));
        let receiver = {
            let waiting = Arc::clone(&waiting);
            thread::spawn(move || {
                waiting.store(true, Relaxed);
                wait(&rx, Duration::from_secs(3600))
            })
        };
        until("the receiver starting to wait", || {
            waiting.load(Relaxed).then_some(())
        });
        for _ in 0..200 {
            receiver.thread().unpark();
            thread::yield_now();
        }
        record_step(format!("round {round}: sending after the stray wake-ups"));
        // A receiver that gave up already makes this send fail; the
        // assertion below says why.
        let _ = tx.send(round);
        assert_eq!(receiver.join().unwrap(), Ok(round), "round {round}");
    }
}

/// A blocked receive parks with the thread's own token: an unpark made
/// before it is used up by it, and it still waits its full time.
fn blocked_recv_uses_the_park_token(kind: Kind) {
    check_park_token(kind, std_wait);
}

fn check_park_token(kind: Kind, wait: WaitFor) {
    const WAIT: Duration = Duration::from_millis(5);
    let (_tx, rx) = kind.channel::<u32>();
    for _ in 0..5 {
        thread::current().unpark();
        let start = Instant::now();
        assert_eq!(wait(&rx, WAIT), Err(RecvTimeoutError::Timeout));
        assert!(start.elapsed() >= WAIT, "the wake-up ended the wait early");
        let start = Instant::now();
        thread::park_timeout(WAIT);
        assert!(
            start.elapsed() >= WAIT,
            "park_timeout returned early: the token was still there"
        );
    }
}

/// The two checks above fail for receives that behave otherwise, so their
/// passing on std means something: a wait that ends at the first wake-up
/// fails the first, and a wait that polls without parking (leaving the
/// token in place) fails the second.
#[test]
fn the_checks_can_fail() {
    fn ends_at_first_wake_up(
        rx: &Receiver<u32>,
        timeout: Duration,
    ) -> Result<u32, RecvTimeoutError> {
        thread::park_timeout(timeout);
        rx.try_recv().map_err(|_| RecvTimeoutError::Timeout)
    }
    fn polls_without_parking(
        rx: &Receiver<u32>,
        timeout: Duration,
    ) -> Result<u32, RecvTimeoutError> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(v) = rx.try_recv() {
                return Ok(v);
            }
            if Instant::now() >= deadline {
                return Err(RecvTimeoutError::Timeout);
            }
            thread::sleep(Duration::from_micros(200));
        }
    }
    let kind = Kind(None);
    let stray = conformance::failure_of("stray unparks, broken wait", stall_limit(), move || {
        check_stray_unparks(kind, ends_at_first_wake_up)
    });
    assert!(
        stray.is_some(),
        "a wait that ends at the first wake-up passed the check"
    );
    let token = conformance::failure_of("park token, broken wait", stall_limit(), move || {
        check_park_token(kind, polls_without_parking)
    });
    assert!(token.is_some(), "a wait that never parks passed the check");
}

/// `try_iter` takes messages sent while it runs; after it returns `None`
/// the channel is still open and the same iterator yields again.
fn try_iter_is_live_and_not_fused(kind: Kind) {
    if !kind.buffers(3) {
        return; // nothing can wait on the channel for `try_iter` to take
    }
    let (tx, rx) = kind.channel::<u32>();
    tx.send(1).unwrap();
    let mut taken = Vec::new();
    for n in rx.try_iter() {
        taken.push(n);
        if n < 3 {
            tx.send(n + 1).unwrap();
        }
    }
    assert_eq!(taken, [1, 2, 3]);
    assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));
    let mut it = rx.try_iter();
    assert_eq!(it.next(), None);
    tx.send(4).unwrap();
    assert_eq!(it.next(), Some(4));
    assert_eq!(it.size_hint(), (0, None));
}

/// Records which thread dropped it, and panics in `drop` if told to.
struct Traced {
    drops: Arc<Mutex<Vec<(u32, ThreadId)>>>,
    id: u32,
    panic_on_drop: bool,
}

impl Drop for Traced {
    fn drop(&mut self) {
        self.drops
            .lock()
            .unwrap()
            .push((self.id, thread::current().id()));
        if self.panic_on_drop {
            panic!("{} Traced {}", conformance::DELIBERATE, self.id);
        }
    }
}

/// Buffered messages are dropped during the drop of the `Receiver`, on the
/// thread that drops it, whether the senders are still alive or already
/// gone; if one message's `drop` panics there, the panic comes out of the
/// receiver's drop and the messages behind it are never dropped.
fn buffered_messages_drop_with_the_receiver(kind: Kind) {
    const N: u32 = 4;
    if !kind.buffers(N as usize) {
        return; // a rendezvous channel buffers nothing
    }
    for senders_first in [false, true] {
        for panicking in [None, Some(2)] {
            let drops = Arc::new(Mutex::new(Vec::new()));
            let (tx, rx) = kind.channel();
            for id in 1..=N {
                let panic_on_drop = panicking == Some(id);
                tx.send(Traced {
                    drops: Arc::clone(&drops),
                    id,
                    panic_on_drop,
                })
                .unwrap();
            }
            if senders_first {
                thread::spawn(move || drop(tx)).join().unwrap();
            }
            let case = format!("senders dropped first: {senders_first}, panicking: {panicking:?}");
            assert!(
                drops.lock().unwrap().is_empty(),
                "{case}: dropped before the receiver"
            );
            record_step(format!("{case}: dropping the receiver on its own thread"));
            let dropper = thread::spawn(move || {
                let id = thread::current().id();
                (
                    id,
                    panic::catch_unwind(AssertUnwindSafe(|| drop(rx))).is_err(),
                )
            });
            let (dropper_id, panicked) = dropper.join().unwrap();
            let seen = drops.lock().unwrap().clone();
            let expect: Vec<u32> = match panicking {
                None => (1..=N).collect(),
                Some(p) => (1..=p).collect(),
            };
            assert_eq!(
                seen.iter().map(|d| d.0).collect::<Vec<_>>(),
                expect,
                "{case}"
            );
            assert!(
                seen.iter().all(|d| d.1 == dropper_id),
                "{case}: dropped on another thread"
            );
            assert_eq!(
                panicked,
                panicking.is_some(),
                "{case}: the panic of drop(rx)"
            );
        }
    }
}

/// A queued message that owns a `Sender` of its own channel keeps the
/// channel open: once taken, its `Sender` still sends. The channel closes
/// only when the last such message is dropped.
fn sender_in_a_message_keeps_the_channel_open(kind: Kind) {
    struct Job(u32, Tx<Job>);
    if !kind.buffers(1) {
        return; // the message cannot wait in the channel
    }
    let (tx, rx) = kind.channel::<Job>();
    tx.send(Job(1, tx.clone())).unwrap();
    drop(tx); // only the queued job owns a Sender now
    let first = rx.recv().expect("the queued job");
    first
        .1
        .send(Job(2, first.1.clone()))
        .expect("the channel is still open");
    drop(first);
    let second = rx.recv().expect("the follow-up");
    assert_eq!(second.0, 2);
    assert_eq!(
        rx.try_recv().err(),
        Some(TryRecvError::Empty),
        "open while the job is kept"
    );
    drop(second);
    assert_eq!(rx.try_recv().err(), Some(TryRecvError::Disconnected));
}

/// On a full bounded channel, whichever send gets to a freed slot first
/// takes it: a newcomer's `try_send` may beat a blocked sender. Either way
/// nothing is lost or duplicated. Which one wins is not asserted: std does
/// not promise it.
fn freed_slot_loses_nothing(kind: Kind) {
    let Some(cap @ 1..) = kind.0 else {
        return; // only a bounded channel with a buffer can be full
    };
    for round in 0..SLOT_ROUNDS {
        let (tx, rx) = kind.channel::<(u32, &str)>();
        for _ in 0..cap {
            tx.send((round, "filler")).unwrap();
        }
        let blocked = {
            let tx = tx.clone();
            thread::spawn(move || tx.send((round, "blocked")).unwrap())
        };
        record_step(format!("round {round}: freeing a slot"));
        assert_eq!(rx.recv().unwrap(), (round, "filler"));
        let newcomer = tx.try_send((round, "newcomer")).is_ok();
        drop(tx);
        let rest: Vec<_> = rx.iter().collect();
        blocked.join().unwrap();
        let mut expect = vec![(round, "filler"); cap - 1];
        expect.extend([(round, "blocked")]);
        if newcomer {
            expect.push((round, "newcomer"));
        }
        let mut got = rest.clone();
        got.sort();
        expect.sort();
        assert_eq!(got, expect, "round {round}: received {rest:?}");
        progress();
    }
}

/// On a rendezvous channel a receiver waiting in `recv_timeout` is a
/// waiting receiver: a blocked `send` completes with it, and `try_send`
/// succeeds while it waits.
fn rendezvous_meets_recv_timeout(kind: Kind) {
    if kind.0 != Some(0) {
        return;
    }
    let long = Duration::from_secs(3600);
    for round in 0..RENDEZVOUS_ROUNDS {
        let (tx, rx) = kind.channel::<u32>();
        let sender = thread::spawn(move || {
            tx.send(round).unwrap();
            until("try_send to a receiver in recv_timeout", || {
                tx.try_send(round + 1).ok()
            });
        });
        record_step(format!("round {round}: recv_timeout meeting a send"));
        assert_eq!(rx.recv_timeout(long), Ok(round));
        record_step(format!("round {round}: recv_timeout meeting a try_send"));
        assert_eq!(rx.recv_timeout(long), Ok(round + 1));
        sender.join().unwrap();
        progress();
    }
}

/// The worker-death guard of Listing 18-9 reports both endings.
fn drop_guard_reports_panics(kind: Kind) {
    struct Guard(Tx<bool>);
    impl Drop for Guard {
        fn drop(&mut self) {
            let _ = self.0.try_send(thread::panicking());
        }
    }
    if !kind.buffers(1) {
        return;
    }
    for panics in [false, true] {
        let (tx, rx) = kind.channel();
        let worker = thread::spawn(move || {
            let _guard = Guard(tx);
            if panics {
                panic!("{} worker dies", conformance::DELIBERATE);
            }
        });
        record_step(format!("waiting for the guard's report (panics: {panics})"));
        assert_eq!(rx.recv(), Ok(panics));
        assert_eq!(worker.join().is_err(), panics);
    }
}

/// A backtrace taken inside the channel names `std::sync::mpmc`, the
/// module `std::sync::mpsc` wraps since Rust 1.67 (Chapter 6 says readers
/// meet it there).
fn backtraces_name_mpmc(kind: Kind) {
    struct Trace(Arc<Mutex<String>>);
    impl Drop for Trace {
        fn drop(&mut self) {
            *self.0.lock().unwrap() = std::backtrace::Backtrace::force_capture().to_string();
        }
    }
    if !kind.buffers(1) {
        return;
    }
    let seen = Arc::new(Mutex::new(String::new()));
    let (tx, rx) = kind.channel();
    tx.send(Trace(Arc::clone(&seen))).unwrap();
    drop(rx); // drops the buffered Trace inside the channel's code
    let trace = seen.lock().unwrap().clone();
    assert!(
        trace.contains("std::sync::mpmc::"),
        "no std::sync::mpmc frame in:\n{trace}"
    );
}

macro_rules! details {
    ($module:ident, $kind:expr, [$($test:ident),+ $(,)?]) => {
        mod $module {
            use super::*;
            $(
                #[test]
                fn $test() {
                    run_with_watchdog(
                        concat!(stringify!($module), "::", stringify!($test)),
                        stall_limit(),
                        || super::$test($kind),
                    );
                }
            )+
        }
    };
    ($module:ident, $kind:expr) => {
        details!($module, $kind, [
            send_happens_before_recv,
            recv_timeout_zero,
            recv_timeout_huge,
            stray_unparks_never_end_a_wait,
            blocked_recv_uses_the_park_token,
            try_iter_is_live_and_not_fused,
            buffered_messages_drop_with_the_receiver,
            sender_in_a_message_keeps_the_channel_open,
            freed_slot_loses_nothing,
            rendezvous_meets_recv_timeout,
            drop_guard_reports_panics,
            backtraces_name_mpmc,
        ]);
    };
}

details!(unbounded, Kind(None));
details!(rendezvous, Kind(Some(0)));
details!(bounded_1, Kind(Some(1)));
details!(bounded_64, Kind(Some(64)));

/// The chapters quote this file: in every paragraph that names
/// `tests/conformance/tests/std_details.rs`, each backticked name with two
/// or more underscores must be a function here, and each "N rounds" or
/// "N times" must be the count of the check the paragraph names.
#[test]
fn the_books_quotes_match() {
    let source = include_str!("std_details.rs");
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/../../src");
    let mut problems = Vec::new();
    let mut quotes = 0;
    for entry in std::fs::read_dir(src).expect("reading the book's src/") {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        for paragraph in text
            .split("\n\n")
            .filter(|p| p.contains("tests/conformance/tests/std_details.rs"))
        {
            quotes += 1;
            let names: Vec<&str> = paragraph
                .split('`')
                .skip(1)
                .step_by(2)
                .filter(|n| n.matches('_').count() >= 2)
                .filter(|n| {
                    n.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                })
                .collect();
            for name in &names {
                if !source.contains(&format!("fn {name}(")) {
                    problems.push(format!(
                        "{file}: `{name}` is quoted, but std_details.rs has no `fn {name}`"
                    ));
                }
            }
            let counts: Vec<u64> = QUOTED_COUNTS
                .iter()
                .filter(|(name, _)| names.contains(name))
                .map(|&(_, n)| n)
                .collect();
            for unit in [" rounds", " times"] {
                for (at, _) in paragraph.match_indices(unit) {
                    let word = paragraph[..at]
                        .rsplit([' ', '(', '\n'])
                        .next()
                        .unwrap_or("");
                    if word.is_empty() || !word.chars().all(|c| c.is_ascii_digit() || c == ',') {
                        continue;
                    }
                    if !counts
                        .iter()
                        .any(|&n| conformance::with_separators(n) == word)
                    {
                        problems.push(format!(
                            "{file}: says \"{word}{unit}\", but the check it names runs {:?}",
                            counts
                                .iter()
                                .map(|&n| conformance::with_separators(n))
                                .collect::<Vec<_>>()
                        ));
                    }
                }
            }
        }
    }
    assert!(
        quotes > 0,
        "no chapter quotes tests/conformance/tests/std_details.rs"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
