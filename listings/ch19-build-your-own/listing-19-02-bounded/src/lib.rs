// ANCHOR: all
//! A bounded multi-producer, single-consumer channel: stage 1's channel plus
//! a capacity and a second `Condvar` for "there is room". Stage 2 of
//! chapter 19. A capacity of 0 (a rendezvous channel) is not supported.

use std::cell::Cell;
use std::collections::VecDeque;
use std::fmt;
use std::marker::PhantomData;
use std::sync::PoisonError;
use std::time::{Duration, Instant};
use sync::{Arc, Condvar, Mutex, MutexGuard};

// ANCHOR: state
struct State<T> {
    queue: VecDeque<T>,
    /// The most messages `queue` may hold.
    capacity: usize,
    senders: usize,
    receiver_alive: bool,
}

struct Shared<T> {
    state: Mutex<State<T>>,
    /// The receiver waits on this while the queue is empty.
    not_empty: Condvar,
    /// Senders wait on this while the queue is full. The receiver notifies it
    /// when it takes a message, and when it goes away.
    not_full: Condvar,
}
// ANCHOR_END: state

impl<T> Shared<T> {
    fn lock(&self) -> MutexGuard<'_, State<T>> {
        // No user code runs under the lock, so a poisoned lock still holds a
        // consistent `State` (see stage 1).
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Waits on `condvar`, ignoring poisoning like `Shared::lock`.
fn wait<'a, T>(condvar: &Condvar, state: MutexGuard<'a, State<T>>) -> MutexGuard<'a, State<T>> {
    condvar.wait(state).unwrap_or_else(PoisonError::into_inner)
}

/// The sending half of a bounded channel. Clone it to get more producers.
pub struct SyncSender<T> {
    shared: Arc<Shared<T>>,
}

/// The receiving half. There is exactly one.
pub struct Receiver<T> {
    shared: Arc<Shared<T>>,
    /// Makes `Receiver` `!Sync`, like std's: it can move to another thread,
    /// but two threads cannot share it. (`Cell` is not `Sync`; `PhantomData`
    /// holds none, so this costs nothing.)
    not_sync: PhantomData<Cell<()>>,
}

// ANCHOR: sync_channel
/// Creates a channel that buffers at most `capacity` messages.
///
/// # Panics
///
/// If `capacity` is 0: this channel has no rendezvous mode.
pub fn sync_channel<T>(capacity: usize) -> (SyncSender<T>, Receiver<T>) {
    assert!(capacity > 0, "this channel needs a capacity of at least 1");
    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            // All the room the channel will ever need, allocated up front.
            queue: VecDeque::with_capacity(capacity),
            capacity,
            senders: 1,
            receiver_alive: true,
        }),
        not_empty: Condvar::new(),
        not_full: Condvar::new(),
    });
    let sender = SyncSender {
        shared: Arc::clone(&shared),
    };
    let receiver = Receiver {
        shared,
        not_sync: PhantomData,
    };
    (sender, receiver)
}
// ANCHOR_END: sync_channel

// ANCHOR: send
impl<T> SyncSender<T> {
    /// Queues `value`, waiting while the channel is full. Fails, handing
    /// `value` back, when the receiver is gone, even if it goes while we wait.
    pub fn send(&self, value: T) -> Result<(), SendError<T>> {
        let mut state = self.shared.lock();
        loop {
            if !state.receiver_alive {
                return Err(SendError(value));
            }
            if state.queue.len() < state.capacity {
                break;
            }
            state = wait(&self.shared.not_full, state);
        }
        state.queue.push_back(value);
        drop(state);
        self.shared.not_empty.notify_one();
        Ok(())
    }
}
// ANCHOR_END: send

// ANCHOR: try_send
impl<T> SyncSender<T> {
    /// Never waits: queues `value`, or hands it back as `Full` or
    /// `Disconnected`.
    pub fn try_send(&self, value: T) -> Result<(), TrySendError<T>> {
        let mut state = self.shared.lock();
        // A gone receiver wins over a full queue: retrying could never help.
        if !state.receiver_alive {
            return Err(TrySendError::Disconnected(value));
        }
        if state.queue.len() == state.capacity {
            return Err(TrySendError::Full(value));
        }
        state.queue.push_back(value);
        drop(state);
        self.shared.not_empty.notify_one();
        Ok(())
    }
}
// ANCHOR_END: try_send

impl<T> Clone for SyncSender<T> {
    fn clone(&self) -> Self {
        self.shared.lock().senders += 1;
        SyncSender {
            shared: Arc::clone(&self.shared),
        }
    }
}

impl<T> Drop for SyncSender<T> {
    fn drop(&mut self) {
        let mut state = self.shared.lock();
        state.senders -= 1;
        let last = state.senders == 0;
        drop(state);
        if last {
            self.shared.not_empty.notify_all();
        }
    }
}

// ANCHOR: take
impl<T> Receiver<T> {
    /// Takes the oldest message, if any, and tells one waiting sender that
    /// there is room now. Every receive method goes through here.
    fn take(&self, state: &mut State<T>) -> Option<T> {
        let value = state.queue.pop_front()?;
        // One message out makes room for exactly one message in, so waking
        // one sender is enough. (Notifying while locked is allowed; the woken
        // sender simply waits for the lock.)
        self.shared.not_full.notify_one();
        Some(value)
    }
}
// ANCHOR_END: take

impl<T> Receiver<T> {
    /// Waits for a message. Fails only when every sender is gone *and* the
    /// queue is empty.
    pub fn recv(&self) -> Result<T, RecvError> {
        let mut state = self.shared.lock();
        loop {
            if let Some(value) = self.take(&mut state) {
                return Ok(value);
            }
            if state.senders == 0 {
                return Err(RecvError);
            }
            state = wait(&self.shared.not_empty, state);
        }
    }

    /// Never waits: a message, `Empty`, or `Disconnected`.
    pub fn try_recv(&self) -> Result<T, TryRecvError> {
        let mut state = self.shared.lock();
        match self.take(&mut state) {
            Some(value) => Ok(value),
            None if state.senders == 0 => Err(TryRecvError::Disconnected),
            None => Err(TryRecvError::Empty),
        }
    }

    /// Like `recv`, but gives up with `Timeout` once `timeout` has passed.
    pub fn recv_timeout(&self, timeout: Duration) -> Result<T, RecvTimeoutError> {
        let Some(deadline) = Instant::now().checked_add(timeout) else {
            return self
                .recv()
                .map_err(|RecvError| RecvTimeoutError::Disconnected);
        };
        let mut state = self.shared.lock();
        loop {
            if let Some(value) = self.take(&mut state) {
                return Ok(value);
            }
            if state.senders == 0 {
                return Err(RecvTimeoutError::Disconnected);
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(RecvTimeoutError::Timeout);
            }
            state = self
                .shared
                .not_empty
                .wait_timeout(state, deadline - now)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }
}

// ANCHOR: receiver_drop
impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        let mut state = self.shared.lock();
        state.receiver_alive = false;
        let unread = std::mem::take(&mut state.queue);
        drop(state);
        // Every sender blocked in `send` must wake up, see that the receiver
        // is gone, and return its value: all of them, not just one.
        self.shared.not_full.notify_all();
        drop(unread);
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

// ANCHOR: try_send_error
/// Why `try_send` did not send; both variants hand the value back.
#[derive(PartialEq, Eq)]
pub enum TrySendError<T> {
    /// The channel holds `capacity` messages; try again later.
    Full(T),
    /// The receiver is gone; trying again will never work.
    Disconnected(T),
}
// ANCHOR_END: try_send_error

impl<T> fmt::Debug for TrySendError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrySendError::Full(_) => f.write_str("Full(..)"),
            TrySendError::Disconnected(_) => f.write_str("Disconnected(..)"),
        }
    }
}

/// `recv` failed: every sender is gone and nothing is left in the queue.
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
