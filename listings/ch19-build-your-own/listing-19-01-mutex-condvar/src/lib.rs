// ANCHOR: all
//! An unbounded multi-producer, single-consumer channel built from a `Mutex`,
//! a `VecDeque` and one `Condvar`. Stage 1 of chapter 19.

use std::cell::Cell;
use std::collections::VecDeque;
use std::fmt;
use std::marker::PhantomData;
use std::sync::PoisonError;
use std::time::{Duration, Instant};
// ANCHOR: use_sync
use sync::{Arc, Condvar, Mutex, MutexGuard};
// ANCHOR_END: use_sync

// ANCHOR: state
/// Everything the two ends share. One lock guards all of it, so every
/// decision ("is there a message?", "is anyone left?") sees a consistent
/// picture.
struct State<T> {
    queue: VecDeque<T>,
    /// How many `Sender`s exist. Zero means no message can ever arrive again.
    senders: usize,
    /// False once the `Receiver` is dropped: sending is pointless from then on.
    receiver_alive: bool,
}

struct Shared<T> {
    state: Mutex<State<T>>,
    /// The receiver sleeps on this while the queue is empty. Senders notify it
    /// when they push a message, and the last sender notifies it on its way out.
    message_or_hangup: Condvar,
}
// ANCHOR_END: state

// ANCHOR: lock
impl<T> Shared<T> {
    fn lock(&self) -> MutexGuard<'_, State<T>> {
        // Only our own short, panic-free updates run under this lock (no
        // message is ever dropped while it is held), so even a poisoned lock
        // holds a consistent `State`. Carry on instead of spreading the panic.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wait<'a>(&self, state: MutexGuard<'a, State<T>>) -> MutexGuard<'a, State<T>> {
        self.message_or_hangup
            .wait(state)
            .unwrap_or_else(PoisonError::into_inner)
    }
}
// ANCHOR_END: lock

/// The sending half. Clone it to get more producers.
pub struct Sender<T> {
    shared: Arc<Shared<T>>,
}

// ANCHOR: receiver
/// The receiving half. There is exactly one.
pub struct Receiver<T> {
    shared: Arc<Shared<T>>,
    /// Makes `Receiver` `!Sync`, like std's: it can move to another thread,
    /// but two threads cannot share it. (`Cell` is not `Sync`; `PhantomData`
    /// holds none, so this costs nothing.)
    not_sync: PhantomData<Cell<()>>,
}
// ANCHOR_END: receiver

// ANCHOR: channel
/// Creates a channel with no limit on the number of buffered messages.
pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            queue: VecDeque::new(),
            senders: 1,
            receiver_alive: true,
        }),
        message_or_hangup: Condvar::new(),
    });
    let sender = Sender {
        shared: Arc::clone(&shared),
    };
    let receiver = Receiver {
        shared,
        not_sync: PhantomData,
    };
    (sender, receiver)
}
// ANCHOR_END: channel

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
        // Unlock before notifying, so the woken receiver does not wake up
        // only to block again on a lock we still hold.
        drop(state);
        self.shared.message_or_hangup.notify_one();
        Ok(())
    }
}
// ANCHOR_END: send

// ANCHOR: sender_lifecycle
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
        let last = state.senders == 0;
        drop(state);
        if last {
            // A receiver asleep in `recv` must wake up and see that nobody is
            // left, or it would sleep forever. A message helps one waiter;
            // this news concerns every waiter, so wake them all.
            self.shared.message_or_hangup.notify_all();
        }
    }
}
// ANCHOR_END: sender_lifecycle

// ANCHOR: recv
impl<T> Receiver<T> {
    /// Waits for a message. Fails only when every sender is gone *and* the
    /// queue is empty.
    pub fn recv(&self) -> Result<T, RecvError> {
        let mut state = self.shared.lock();
        loop {
            if let Some(value) = state.queue.pop_front() {
                return Ok(value);
            }
            if state.senders == 0 {
                return Err(RecvError);
            }
            // `wait` unlocks, sleeps, and locks again before it returns. It
            // may return without a notification (a spurious wakeup), so we
            // loop and look at the state again rather than trusting it.
            state = self.shared.wait(state);
        }
    }
}
// ANCHOR_END: recv

// ANCHOR: try_recv
impl<T> Receiver<T> {
    /// Never waits: a message, `Empty`, or `Disconnected`.
    pub fn try_recv(&self) -> Result<T, TryRecvError> {
        let mut state = self.shared.lock();
        match state.queue.pop_front() {
            Some(value) => Ok(value),
            None if state.senders == 0 => Err(TryRecvError::Disconnected),
            None => Err(TryRecvError::Empty),
        }
    }
}
// ANCHOR_END: try_recv

// ANCHOR: recv_timeout
impl<T> Receiver<T> {
    /// Like `recv`, but gives up with `Timeout` once `timeout` has passed.
    pub fn recv_timeout(&self, timeout: Duration) -> Result<T, RecvTimeoutError> {
        // A timeout too large to add to "now" means "wait as long as it takes".
        let Some(deadline) = Instant::now().checked_add(timeout) else {
            return self
                .recv()
                .map_err(|RecvError| RecvTimeoutError::Disconnected);
        };
        let mut state = self.shared.lock();
        loop {
            if let Some(value) = state.queue.pop_front() {
                return Ok(value);
            }
            if state.senders == 0 {
                return Err(RecvTimeoutError::Disconnected);
            }
            // Measure against the deadline each time round: after a spurious
            // wakeup we sleep only for what is left, not the whole timeout.
            let now = Instant::now();
            if now >= deadline {
                return Err(RecvTimeoutError::Timeout);
            }
            state = self
                .shared
                .message_or_hangup
                .wait_timeout(state, deadline - now)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }
}
// ANCHOR_END: recv_timeout

// ANCHOR: receiver_drop
impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        let mut state = self.shared.lock();
        state.receiver_alive = false;
        // Nobody can read these any more: take them out now, while senders
        // may still hold the shared state alive for a long time.
        let unread = std::mem::take(&mut state.queue);
        drop(state);
        // Dropping a message runs its `Drop` code, which could do anything
        // (even use this channel); do it after unlocking.
        drop(unread);
    }
}
// ANCHOR_END: receiver_drop

// ANCHOR: errors
/// `send` failed because the receiver is gone; the value is inside.
#[derive(PartialEq, Eq)]
pub struct SendError<T>(pub T);

// Written by hand, like std's, so that `unwrap` works for any `T`, even one
// without `Debug`.
impl<T> fmt::Debug for SendError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SendError { .. }")
    }
}

/// `recv` failed: every sender is gone and nothing is left in the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecvError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TryRecvError {
    /// Nothing queued right now, but a sender could still send.
    Empty,
    /// Nothing queued and no sender left.
    Disconnected,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecvTimeoutError {
    /// Nothing arrived in time, but a sender could still send.
    Timeout,
    /// Nothing queued and no sender left.
    Disconnected,
}
// ANCHOR_END: errors
// ANCHOR_END: all

// ANCHOR: sync
/// Where `Arc`, `Condvar`, `Mutex` and `MutexGuard` come from: std, or loom
/// when the crate is built with `RUSTFLAGS="--cfg loom"` (as `cargo xtask loom` does).
/// Under loom, the model checks in `tests/model-check` run this channel in
/// every interleaving of a few threads. The code above is the same either way.
mod sync {
    #[cfg(loom)]
    pub(crate) use loom::sync::{Arc, Condvar, Mutex, MutexGuard};
    #[cfg(not(loom))]
    pub(crate) use std::sync::{Arc, Condvar, Mutex, MutexGuard};
}
// ANCHOR_END: sync
