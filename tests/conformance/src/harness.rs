//! Running a property: the size multiplier, the watchdog, the "last step"
//! record that makes a watchdog failure say where the property was stuck, and
//! a panic hook that keeps deliberate panics quiet.
//!
//! The watchdog judges progress, not a total time: a property fails as stuck
//! only when it has neither recorded a step nor received a message for
//! [`stall_limit`]. So a loaded machine, a larger `CONFORMANCE_SCALE` or a
//! slow backtrace makes a property slower, never a false hang; a lost wake-up
//! still stops all progress for good and is caught.

use std::any::Any;
use std::cell::{Cell, OnceCell};
use std::panic;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Once};
use std::thread::{self, Thread};
use std::time::{Duration, Instant};

/// How long a property may go without progress before the watchdog fails it.
/// Every step of a correct channel ends in milliseconds, so this is generous.
const STALL_LIMIT: Duration = Duration::from_secs(10);

/// Text every deliberate panic of a property carries: the panic hook keeps
/// such panics quiet (no message, no backtrace), as they are expected.
pub const DELIBERATE: &str = "(this panic is part of the test)";

/// The size multiplier from `CONFORMANCE_SCALE` (a positive integer; 1 when
/// unset). It multiplies the messages per producer and the rounds of the
/// happens-before relay.
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

/// How long a property may go without progress (a recorded step or a
/// received message) before the watchdog fails it: 10 s, at any scale.
pub fn stall_limit() -> Duration {
    STALL_LIMIT
}

/// What the watchdog sees of a running property.
struct Watch {
    /// The step the property thread recorded last.
    step: Mutex<String>,
    /// Bumped by every recorded step and every [`progress`] call.
    progress: AtomicU64,
}

thread_local! {
    /// The watch of the property running on this thread (unset elsewhere).
    static CURRENT: OnceCell<Arc<Watch>> = const { OnceCell::new() };
    /// Set on a property thread whose failure is expected (see
    /// [`failure_of`]): its panics print nothing.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Records what the calling (property) thread is about to do, so that if it
/// never comes back the watchdog can say which step hung. Properties call it
/// before each step that blocks. It counts as progress.
pub fn record_step(step: impl Into<String>) {
    CURRENT.with(|watch| {
        if let Some(watch) = watch.get() {
            *watch.step.lock().unwrap_or_else(|p| p.into_inner()) = step.into();
            watch.progress.fetch_add(1, Ordering::Relaxed);
        }
    });
}

/// Tells the watchdog the property thread is still moving (e.g. it received
/// another message), without changing the recorded step. Cheap enough to
/// call once per message.
pub fn progress() {
    CURRENT.with(|watch| {
        if let Some(watch) = watch.get() {
            watch.progress.fetch_add(1, Ordering::Relaxed);
        }
    });
}

/// Installs, once per process, a panic hook that prints nothing for a
/// deliberate panic (its message contains [`DELIBERATE`]) or a panic on a
/// quiet thread, and hands every other panic to the hook that was there.
fn install_quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let deliberate = info
                .payload_as_str()
                .is_some_and(|m| m.contains(DELIBERATE));
            if !deliberate && !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Wakes the watchdog when the property thread ends, even by panicking.
struct WakeOnDrop(Thread);

impl Drop for WakeOnDrop {
    fn drop(&mut self) {
        self.0.unpark();
    }
}

/// How a watched property failed.
enum Failure {
    Panicked(Box<dyn Any + Send>),
    Stalled(String),
}

/// Runs `property` on its own thread (named `name`) until it ends or makes no
/// progress for `stall`.
fn watch(
    name: &str,
    stall: Duration,
    quiet: bool,
    property: impl FnOnce() + Send + 'static,
) -> Result<(), Failure> {
    install_quiet_hook();
    let state = Arc::new(Watch {
        step: Mutex::new("(no step recorded)".to_owned()),
        progress: AtomicU64::new(0),
    });
    let watchdog = thread::current();
    let handle = {
        let state = Arc::clone(&state);
        thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                let _wake = WakeOnDrop(watchdog);
                QUIET.with(|q| q.set(quiet));
                CURRENT.with(|c| c.set(state).ok());
                property();
            })
            .expect("spawning the property thread")
    };
    let mut seen = state.progress.load(Ordering::Relaxed);
    let mut since = Instant::now();
    while !handle.is_finished() {
        let now = state.progress.load(Ordering::Relaxed);
        if now != seen {
            (seen, since) = (now, Instant::now());
        }
        let still = since.elapsed();
        if still >= stall {
            let step = state.step.lock().unwrap_or_else(|p| p.into_inner()).clone();
            return Err(Failure::Stalled(format!(
                "{name}: no progress for {still:?}: a blocking operation never returned \
                 (a lost wake-up, or a disconnection that was never seen). \
                 Last step: {step}"
            )));
        }
        // The unpark makes this return at once when the property ends; the
        // 10 ms cap is how often progress is looked at.
        thread::park_timeout((stall - still).min(Duration::from_millis(10)));
    }
    handle.join().map_err(Failure::Panicked)
}

/// Runs `property` on its own thread (named `name`) under a watchdog that
/// fails it once it makes no progress for `stall`.
///
/// If the property panics, its panic is resumed here, so the test fails with
/// the property's own message. If it stalls, this panics with the last step
/// the property recorded; the stuck thread is left behind (it cannot be
/// stopped), which is harmless in a test process.
pub fn run_with_watchdog(name: &str, stall: Duration, property: impl FnOnce() + Send + 'static) {
    match watch(name, stall, false, property) {
        Ok(()) => {}
        Err(Failure::Panicked(payload)) => panic::resume_unwind(payload),
        Err(Failure::Stalled(message)) => panic!("{message}"),
    }
}

/// Runs `property` like [`run_with_watchdog`], for a property that is meant
/// to fail: returns its failure message (its panic's text, or the watchdog's
/// message if it stalled), or `None` if it passed. The property thread's
/// panics print nothing: they are expected.
pub fn failure_of(
    name: &str,
    stall: Duration,
    property: impl FnOnce() + Send + 'static,
) -> Option<String> {
    match watch(name, stall, true, property) {
        Ok(()) => None,
        Err(Failure::Stalled(message)) => Some(message),
        Err(Failure::Panicked(payload)) => Some(
            payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "(a panic without a message)".to_owned()),
        ),
    }
}
