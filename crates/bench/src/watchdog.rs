//! A watchdog that judges progress, not time: a loaded machine may make a
//! workload slow, but a workload that stops moving (a lost wakeup, a deadlock
//! in a channel) is reported within the limit, naming what it waited on.

use crate::Progress;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// How long a workload may go without progress before the watchdog gives up.
pub const LIMIT: Duration = Duration::from_secs(30);

/// What the watchdog does on a stall: told what it waited on and the last
/// count it saw.
pub type OnStall = Box<dyn Fn(&str, u64) + Send>;

struct Shared {
    /// What is being waited on now, and a number that changes with each
    /// new workload.
    what: Mutex<(String, u64)>,
    progress: Arc<Progress>,
    done: AtomicBool,
}

/// Watches one workload at a time; see [`Watchdog::watch`].
pub struct Watchdog {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl Watchdog {
    /// Starts a watchdog that calls `on_stall` when the watched workload's
    /// progress has not changed for `limit`.
    pub fn start(limit: Duration, on_stall: OnStall) -> Watchdog {
        let shared = Arc::new(Shared {
            what: Mutex::new((String::from("nothing yet"), 0)),
            progress: Arc::new(Progress::default()),
            done: AtomicBool::new(false),
        });
        let watcher = Arc::clone(&shared);
        let tick = (limit / 20).max(Duration::from_millis(5));
        let thread = thread::spawn(move || {
            let mut seen = (0u64, u64::MAX);
            let mut last_change = Instant::now();
            while !watcher.done.load(Ordering::Relaxed) {
                thread::park_timeout(tick);
                let (what, epoch) = watcher.what.lock().unwrap().clone();
                let now = (epoch, watcher.progress.get());
                if now != seen {
                    seen = now;
                    last_change = Instant::now();
                } else if last_change.elapsed() >= limit {
                    on_stall(&what, now.1);
                    // Report a stall once; a new workload or progress re-arms.
                    last_change = Instant::now();
                }
            }
        });
        Watchdog {
            shared,
            thread: Some(thread),
        }
    }

    /// The watchdog used by the benchmark and its tests: on a stall it
    /// prints what it waited on and ends the process with a failure, since a
    /// thread stuck inside a channel cannot be stopped any other way.
    pub fn exiting() -> Watchdog {
        Watchdog::start(
            LIMIT,
            Box::new(|what, count| {
                eprintln!(
                    "error: no progress for {} s while waiting on {what} \
                     ({count} messages or round trips done); giving up",
                    LIMIT.as_secs()
                );
                std::process::exit(1);
            }),
        )
    }

    /// Starts watching a new workload, described by `what`; the workload
    /// reports its progress through the returned [`Progress`].
    pub fn watch(&self, what: &str) -> &Progress {
        let mut guard = self.shared.what.lock().unwrap();
        self.shared.progress.set(0);
        guard.0 = what.to_string();
        guard.1 += 1;
        &self.shared.progress
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.shared.done.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn a_stall_is_reported_naming_what_was_waited_on() {
        let (tx, rx) = mpsc::channel();
        let dog = Watchdog::start(
            Duration::from_millis(100),
            Box::new(move |what, count| {
                let _ = tx.send(format!("{what} at {count}"));
            }),
        );
        let progress = dog.watch("std sync_channel(0), 4 producers");
        progress.set(7);
        // No more progress: the watchdog must speak up.
        let said = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("the watchdog never reported the stall");
        assert_eq!(said, "std sync_channel(0), 4 producers at 7");
    }

    #[test]
    fn steady_progress_is_not_a_stall() {
        let (tx, rx) = mpsc::channel();
        let dog = Watchdog::start(
            Duration::from_secs(2),
            Box::new(move |what, _| {
                let _ = tx.send(what.to_string());
            }),
        );
        let progress = dog.watch("a slow but moving workload");
        for i in 1..=10 {
            thread::sleep(Duration::from_millis(20));
            progress.set(i);
        }
        drop(dog);
        assert_eq!(rx.try_recv().ok(), None);
    }
}
