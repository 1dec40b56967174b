// ANCHOR: starter
use std::cell::Cell;
use std::collections::VecDeque;
use std::marker::PhantomData;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

struct State<T> {
    queue: VecDeque<T>,
    capacity: usize,
    senders: usize,
    // TODO: the senders need to know whether the receiver is still there.
}

struct Shared<T> {
    state: Mutex<State<T>>,
    /// The receiver waits on this while the queue is empty.
    not_empty: Condvar,
    /// Senders wait on this while the queue is full.
    not_full: Condvar,
}

impl<T> Shared<T> {
    fn lock(&self) -> MutexGuard<'_, State<T>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

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
    /// Not `Sync`, like std's `Receiver` and stage 2's: one thread receives.
    not_sync: PhantomData<Cell<()>>,
}

/// Creates a channel that buffers at most `capacity` messages (at least 1).
pub fn sync_channel<T>(capacity: usize) -> (SyncSender<T>, Receiver<T>) {
    assert!(capacity > 0, "this channel needs a capacity of at least 1");
    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            queue: VecDeque::with_capacity(capacity),
            capacity,
            senders: 1,
        }),
        not_empty: Condvar::new(),
        not_full: Condvar::new(),
    });
    let sender = SyncSender {
        shared: Arc::clone(&shared),
    };
    (
        sender,
        Receiver {
            shared,
            not_sync: PhantomData,
        },
    )
}

impl<T> SyncSender<T> {
    /// Queues `value`, waiting while the channel is full. Hands `value` back
    /// if the receiver is gone, also when it goes while we wait.
    pub fn send(&self, value: T) -> Result<(), SendError<T>> {
        let mut state = self.shared.lock();
        loop {
            // TODO: give up, handing `value` back, once the receiver is gone.
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

    /// Never waits: queues `value`, or hands it back as `Full` or
    /// `Disconnected`.
    pub fn try_send(&self, value: T) -> Result<(), TrySendError<T>> {
        let mut state = self.shared.lock();
        // TODO: hand `value` back as `Disconnected` once the receiver is gone.
        if state.queue.len() == state.capacity {
            return Err(TrySendError::Full(value));
        }
        state.queue.push_back(value);
        drop(state);
        self.shared.not_empty.notify_one();
        Ok(())
    }
}

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

impl<T> Receiver<T> {
    /// Takes the oldest message, if any, and wakes one sender waiting for room.
    fn take(&self, state: &mut State<T>) -> Option<T> {
        let value = state.queue.pop_front()?;
        self.shared.not_full.notify_one();
        Some(value)
    }

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
}

impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        // TODO: the chef has gone home. Tell the senders, also the ones
        // asleep in `send`, and drop the unread tickets now rather than when
        // the last sender goes.
    }
}

/// `send` failed because the receiver is gone; the value is inside.
#[derive(Debug, PartialEq, Eq)]
pub struct SendError<T>(pub T);

/// Why `try_send` did not send; both variants hand the value back.
#[derive(Debug, PartialEq, Eq)]
pub enum TrySendError<T> {
    Full(T),
    Disconnected(T),
}

/// `recv` failed: every sender is gone and nothing is left in the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecvError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TryRecvError {
    Empty,
    Disconnected,
}
// ANCHOR_END: starter
