//! Running a property: the size multiplier, the watchdog, and the "last step"
//! record that makes a watchdog failure say where the property was stuck.

use std::panic;
use std::sync::Mutex;
use std::thread::{self, Thread, ThreadId};
use std::time::{Duration, Instant};

/// How long one property may run, at scale 1, before the watchdog fails it.
const WATCHDOG_LIMIT: Duration = Duration::from_secs(30);

/// The size multiplier from `CONFORMANCE_SCALE` (a positive integer; 1 when
/// unset). It multiplies the messages per producer and the watchdog limit.
///
/// # Panics
///
/// When the variable is set but is not a positive integer.
pub fn scale() -> usize {
    match std::env::var("CONFORMANCE_SCALE") {
        Err(_) => 1,
        Ok(text) => match text.trim().parse::<usize>() {
            Ok(n) if n > 0 => n,
            _ => panic!("CONFORMANCE_SCALE must be a positive integer, got {text:?}"),
        },
    }
}

/// The watchdog limit for one property: 30 s times [`scale`].
pub fn watchdog_limit() -> Duration {
    WATCHDOG_LIMIT * u32::try_from(scale()).unwrap_or(u32::MAX)
}

/// What each running property's thread said it was doing last.
static STEPS: Mutex<Vec<(ThreadId, String)>> = Mutex::new(Vec::new());

fn steps() -> std::sync::MutexGuard<'static, Vec<(ThreadId, String)>> {
    // A panic while the lock is held cannot leave the list inconsistent.
    STEPS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Records what the calling (property) thread is about to do, so that if it
/// never comes back the watchdog can say which step hung. Properties call it
/// before each step that blocks.
pub fn record_step(step: impl Into<String>) {
    let id = thread::current().id();
    let step = step.into();
    let mut steps = steps();
    match steps.iter_mut().find(|(t, _)| *t == id) {
        Some(entry) => entry.1 = step,
        None => steps.push((id, step)),
    }
}

fn take_step(id: ThreadId) -> Option<String> {
    let mut steps = steps();
    let index = steps.iter().position(|(t, _)| *t == id)?;
    Some(steps.swap_remove(index).1)
}

/// Wakes the watchdog when the property thread ends, even by panicking.
struct WakeOnDrop(Thread);

impl Drop for WakeOnDrop {
    fn drop(&mut self) {
        self.0.unpark();
    }
}

/// Runs `property` on its own thread (named `name`) and waits at most `limit`
/// for it.
///
/// If the property panics, its panic is resumed here, so the test fails with
/// the property's own message. If it is still running after `limit`, this
/// panics with the last step the property recorded; the stuck thread is left
/// behind (it cannot be stopped), which is harmless in a test process.
pub fn run_with_watchdog(name: &str, limit: Duration, property: impl FnOnce() + Send + 'static) {
    let watchdog = thread::current();
    let handle = thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            let _wake = WakeOnDrop(watchdog);
            property();
        })
        .expect("spawning the property thread");
    let id = handle.thread().id();
    let deadline = Instant::now() + limit;
    while !handle.is_finished() {
        let now = Instant::now();
        if now >= deadline {
            let step = take_step(id).unwrap_or_else(|| "(no step recorded)".to_owned());
            panic!(
                "{name}: still running after {limit:?}: a blocking operation never returned \
                 (a lost wake-up, or a disconnection that was never seen). \
                 Last step: {step}"
            );
        }
        // The unpark makes this return at once when the property ends; the
        // 10 ms cap covers the short gap between that and `is_finished`.
        thread::park_timeout((deadline - now).min(Duration::from_millis(10)));
    }
    take_step(id);
    if let Err(payload) = handle.join() {
        panic::resume_unwind(payload);
    }
}
