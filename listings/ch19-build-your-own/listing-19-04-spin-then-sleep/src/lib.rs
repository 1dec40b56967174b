// ANCHOR: all
//! Stage 3's channel with two changes that cut the number of times the
//! receiver falls asleep and is woken again: before it sleeps, the receiver
//! looks at the queue a few more times, giving up its core in between (spin,
//! then sleep); and only the first send after the receiver fell asleep wakes
//! it. Stage 4 of chapter 19.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;
use std::sync::PoisonError;
use std::time::{Duration, Instant};
use sync::thread;
use sync::{Arc, Condvar, Mutex, MutexGuard};

// ANCHOR: state
struct State<T> {
    queue: VecDeque<T>,
    senders: usize,
    receiver_alive: bool,
    /// True while the receiver is asleep in `wait` and nobody has woken it
    /// yet. Senders skip the notification when it is false.
    receiver_waiting: bool,
}
// ANCHOR_END: state

struct Shared<T> {
    state: Mutex<State<T>>,
    message_or_hangup: Condvar,
}

impl<T> Shared<T> {
    fn lock(&self) -> MutexGuard<'_, State<T>> {
        // No user code runs under the lock, so a poisoned lock still holds a
        // consistent `State` (see stage 1).
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The sending half. Clone it to get more producers.
pub struct Sender<T> {
    shared: Arc<Shared<T>>,
}

// ANCHOR: receiver
/// The receiving half. There is exactly one.
pub struct Receiver<T> {
    shared: Arc<Shared<T>>,
    /// Messages already taken from the shared queue, oldest first. Only the
    /// receiver touches it, so it needs no lock. (`RefCell` makes `Receiver`
    /// `!Sync`, like std's: it can move to another thread, not be shared.)
    buffer: RefCell<VecDeque<T>>,
}
// ANCHOR_END: receiver

/// Creates a channel with no limit on the number of buffered messages.
pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            queue: VecDeque::new(),
            senders: 1,
            receiver_alive: true,
            receiver_waiting: false,
        }),
        message_or_hangup: Condvar::new(),
    });
    let sender = Sender {
        shared: Arc::clone(&shared),
    };
    let receiver = Receiver {
        shared,
        buffer: RefCell::new(VecDeque::new()),
    };
    (sender, receiver)
}

// ANCHOR: send
impl<T> Sender<T> {
    /// Queues `value` without waiting. Fails, handing `value` back, only when
    /// the receiver is gone.
    pub fn send(&self, value: T) -> Result<(), SendError<T>> {
        let mut state = self.shared.lock();
        if !state.receiver_alive {
            return Err(SendError(value));
        }
        state.queue.push_back(value);
        // One wake-up per sleep: the first sender to find the receiver
        // asleep clears the flag (under the lock) and wakes it. Senders that
        // come after it, before the receiver is back, see `false` and know
        // that a wake-up is already on its way.
        let wake = std::mem::replace(&mut state.receiver_waiting, false);
        drop(state);
        if wake {
            self.shared.message_or_hangup.notify_one();
        }
        Ok(())
    }
}
// ANCHOR_END: send

impl<T> Clone for Sender<T> {
    fn clone(&self) -> Self {
        self.shared.lock().senders += 1;
        Sender {
            shared: Arc::clone(&self.shared),
        }
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        let mut state = self.shared.lock();
        state.senders -= 1;
        // A `false` flag may also mean a sender's wake-up is on its way; the
        // receiver then wakes anyway and sees `senders == 0` itself.
        let wake = state.senders == 0 && state.receiver_waiting;
        drop(state);
        if wake {
            self.shared.message_or_hangup.notify_all();
        }
    }
}

// ANCHOR: refill
/// What the receiver found under the lock when its buffer was empty.
enum Refill {
    /// The buffer holds at least one message now.
    Filled,
    /// Nothing to take, but a sender is alive.
    Empty,
    /// Nothing to take, and no sender is left.
    Disconnected,
}

/// Moves every queued message into the (empty) private buffer, under the
/// lock. `swap` rather than `take`: the shared queue gets our empty buffer,
/// whose allocation senders can reuse, instead of a fresh one.
fn refill<T>(state: &mut State<T>, buffer: &mut VecDeque<T>) -> Refill {
    if !state.queue.is_empty() {
        std::mem::swap(&mut state.queue, buffer);
        Refill::Filled
    } else if state.senders == 0 {
        Refill::Disconnected
    } else {
        Refill::Empty
    }
}
// ANCHOR_END: refill

// ANCHOR: recv
/// How many extra looks at the shared queue `recv` takes, giving up its core
/// in between, before it goes to sleep on the condition variable.
const SPIN_ROUNDS: u32 = 16;

impl<T> Receiver<T> {
    /// Waits for a message. Fails only when every sender is gone *and* both
    /// the private buffer and the shared queue are empty.
    pub fn recv(&self) -> Result<T, RecvError> {
        let mut buffer = self.buffer.borrow_mut();
        // The fast path: no lock at all while the private buffer lasts.
        if let Some(value) = buffer.pop_front() {
            return Ok(value);
        }
        let mut state = self.shared.lock();
        let mut spins_left = SPIN_ROUNDS;
        loop {
            match refill(&mut state, &mut buffer) {
                Refill::Filled => break,
                Refill::Disconnected => return Err(RecvError),
                // Spin: let go of the lock and of the core for a moment, so a
                // sender can push, then look again. Bounded, so an idle
                // receiver soon stops using the CPU.
                Refill::Empty if spins_left > 0 => {
                    spins_left -= 1;
                    drop(state);
                    thread::yield_now();
                    state = self.shared.lock();
                }
                // Then sleep, exactly as in stage 3.
                Refill::Empty => {
                    state.receiver_waiting = true;
                    state = self
                        .shared
                        .message_or_hangup
                        .wait(state)
                        .unwrap_or_else(PoisonError::into_inner);
                    state.receiver_waiting = false;
                }
            }
        }
        drop(state);
        Ok(buffer.pop_front().expect("refill found a message"))
    }
}
// ANCHOR_END: recv

impl<T> Receiver<T> {
    /// Never waits: a message, `Empty`, or `Disconnected`.
    pub fn try_recv(&self) -> Result<T, TryRecvError> {
        let mut buffer = self.buffer.borrow_mut();
        if let Some(value) = buffer.pop_front() {
            return Ok(value);
        }
        let mut state = self.shared.lock();
        match refill(&mut state, &mut buffer) {
            Refill::Filled => {
                drop(state);
                Ok(buffer.pop_front().expect("refill found a message"))
            }
            Refill::Empty => Err(TryRecvError::Empty),
            Refill::Disconnected => Err(TryRecvError::Disconnected),
        }
    }

    /// Like `recv`, but gives up with `Timeout` once `timeout` has passed.
    pub fn recv_timeout(&self, timeout: Duration) -> Result<T, RecvTimeoutError> {
        let Some(deadline) = Instant::now().checked_add(timeout) else {
            return self
                .recv()
                .map_err(|RecvError| RecvTimeoutError::Disconnected);
        };
        let mut buffer = self.buffer.borrow_mut();
        if let Some(value) = buffer.pop_front() {
            return Ok(value);
        }
        let mut state = self.shared.lock();
        let mut spins_left = SPIN_ROUNDS;
        loop {
            match refill(&mut state, &mut buffer) {
                Refill::Filled => break,
                Refill::Disconnected => return Err(RecvTimeoutError::Disconnected),
                // The same bounded spin as `recv`, while time is left.
                Refill::Empty if spins_left > 0 && Instant::now() < deadline => {
                    spins_left -= 1;
                    drop(state);
                    thread::yield_now();
                    state = self.shared.lock();
                }
                Refill::Empty => {
                    let now = Instant::now();
                    if now >= deadline {
                        return Err(RecvTimeoutError::Timeout);
                    }
                    state.receiver_waiting = true;
                    state = self
                        .shared
                        .message_or_hangup
                        .wait_timeout(state, deadline - now)
                        .unwrap_or_else(PoisonError::into_inner)
                        .0;
                    state.receiver_waiting = false;
                }
            }
        }
        drop(state);
        Ok(buffer.pop_front().expect("refill found a message"))
    }
}

// ANCHOR: receiver_drop
impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        let mut state = self.shared.lock();
        state.receiver_alive = false;
        let unread = std::mem::take(&mut state.queue);
        drop(state);
        drop(unread);
        // The private buffer holds unread messages too; drop them now as
        // well, rather than leaving it to the order fields are dropped in.
        self.buffer.get_mut().clear();
    }
}
// ANCHOR_END: receiver_drop

/// `send` failed because the receiver is gone; the value is inside.
#[derive(PartialEq, Eq)]
pub struct SendError<T>(pub T);

impl<T> fmt::Debug for SendError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SendError { .. }")
    }
}

/// `recv` failed: every sender is gone and nothing is left to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecvError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TryRecvError {
    Empty,
    Disconnected,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecvTimeoutError {
    Timeout,
    Disconnected,
}
// ANCHOR_END: all

/// Where `Arc`, `Condvar`, `Mutex`, `MutexGuard` and `thread::yield_now` come
/// from: std, or loom when the crate is built with `RUSTFLAGS="--cfg loom"` (as
/// `cargo xtask loom` does). Under loom, the model checks in `tests/model-check` run
/// this channel in every interleaving of a few threads. The code above is the
/// same either way.
mod sync {
    #[cfg(loom)]
    pub(crate) use loom::sync::{Arc, Condvar, Mutex, MutexGuard};
    #[cfg(not(loom))]
    pub(crate) use std::sync::{Arc, Condvar, Mutex, MutexGuard};
    #[cfg(not(loom))]
    pub(crate) use std::thread;

    #[cfg(loom)]
    pub(crate) mod thread {
        /// Under loom, a spin round's yield does nothing. loom's own
        /// `yield_now` lets every other thread run before the spinner looks
        /// again, so the spin would always find the message and the
        /// sleep-and-wake-up path would hardly be explored. Without it, each
        /// `lock` in the spin is still a point where loom may switch threads,
        /// so schedules where a sender runs mid-spin are explored too.
        pub(crate) fn yield_now() {}
    }
}
