//! What the model checks share: a loom runner that counts the interleavings
//! it explores, a message type that counts how many messages are alive, and
//! (in `broken`) a deliberately broken copy of stage 4 that the checker must
//! reject. Everything here exists only under `--cfg loom` (see `cargo xtask loom`).
#![cfg(loom)]

pub mod broken;

use std::cell::{Cell, RefCell};
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// The preemption bound used when `LOOM_MAX_PREEMPTIONS` is not set: in each
/// interleaving, loom takes the processor away from a thread that could go on
/// running at most this many times. (Switches at a blocked or finished thread
/// are free, and unlimited.)
pub const PREEMPTION_BOUND: usize = 3;

/// The preemption bound `check` uses: `LOOM_MAX_PREEMPTIONS`, if set, or
/// `PREEMPTION_BOUND`.
pub fn preemption_bound() -> usize {
    loom::model::Builder::new()
        .preemption_bound
        .unwrap_or(PREEMPTION_BOUND)
}

/// Runs `model` under loom in every interleaving up to the preemption bound,
/// prints how many there were, and returns that number.
///
/// # Panics
///
/// If any interleaving panics, deadlocks or leaks a loom object (loom's own
/// checks), and if only one interleaving was explored: a scenario without
/// concurrency checks nothing.
pub fn check<F>(name: &str, model: F) -> usize
where
    F: Fn() + Sync + Send + 'static,
{
    let mut builder = loom::model::Builder::new();
    let bound = preemption_bound();
    builder.preemption_bound = Some(bound);
    RUNS.set(0);
    let start = Instant::now();
    builder.check(move || {
        RUNS.set(RUNS.get() + 1);
        TRACE.with(|trace| trace.borrow_mut().clear());
        model();
    });
    let runs = RUNS.get();
    println!(
        "{name}: {runs} interleavings, preemption bound {bound}, {:.1?}",
        start.elapsed()
    );
    assert!(
        runs > 1,
        "{name}: loom explored only {runs} interleaving, so the scenario has no \
         concurrency to check"
    );
    runs
}

thread_local! {
    /// How many interleavings the current (or last) `check` has started.
    static RUNS: Cell<usize> = const { Cell::new(0) };
    /// What the threads of the current interleaving did, in order. loom runs
    /// all the threads of a model on the thread that called `check`, so they
    /// share this log; `check` empties it at the start of every interleaving.
    static TRACE: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// How many interleavings the last `check` started: after a failed check,
/// the failing one is the last of them.
pub fn runs() -> usize {
    RUNS.get()
}

/// Adds a step to the current interleaving's log.
pub fn note(step: impl Into<String>) {
    TRACE.with(|trace| trace.borrow_mut().push(step.into()));
}

/// The log of the last interleaving run: after a failed `check`, the one
/// that failed.
pub fn trace() -> Vec<String> {
    TRACE.with(|trace| trace.borrow().clone())
}

/// Counts the messages that exist right now, so a check can tell that every
/// message was dropped, and when.
#[derive(Clone, Default)]
pub struct Live(Arc<AtomicUsize>);

impl Live {
    /// A new message, counted until it is dropped.
    pub fn msg(&self, producer: usize, seq: usize) -> Msg {
        self.0.fetch_add(1, Ordering::Relaxed);
        Msg {
            producer,
            seq,
            live: self.clone(),
        }
    }

    /// How many messages made by `msg` have not been dropped yet.
    pub fn count(&self) -> usize {
        self.0.load(Ordering::Relaxed)
    }
}

/// Message number `seq` of producer `producer`.
pub struct Msg {
    pub producer: usize,
    pub seq: usize,
    live: Live,
}

impl Drop for Msg {
    fn drop(&mut self) {
        self.live.0.fetch_sub(1, Ordering::Relaxed);
    }
}

impl fmt::Debug for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Msg({}, {})", self.producer, self.seq)
    }
}
