//! A copy of stage 4 (listings/ch19-build-your-own/listing-19-04-spin-then-sleep),
//! cut down to `send`, `recv` and the senders' `Clone` and `Drop`, with ONE
//! deliberate bug: every sender's `drop` clears `receiver_waiting`, not only
//! the last one's, and only the last one notifies. It looks like tidying up
//! ("nobody needs to wake the receiver for me any more"), but a flag cleared
//! without a notification tells the next sender that a wake-up is on its
//! way when none is. `tests/broken.rs` expects the model checker to find the
//! interleaving where the receiver then sleeps forever.
//!
//! Each step that matters is logged with `note`, so the failing
//! interleaving can be printed.

use crate::note;
use loom::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::collections::VecDeque;
use std::sync::PoisonError;

struct State<T> {
    queue: VecDeque<T>,
    senders: usize,
    receiver_waiting: bool,
}

struct Shared<T> {
    state: Mutex<State<T>>,
    message_or_hangup: Condvar,
}

impl<T> Shared<T> {
    fn lock(&self) -> MutexGuard<'_, State<T>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

pub struct Sender<T> {
    shared: Arc<Shared<T>>,
    /// Which sender this is, for the log.
    name: String,
}

pub struct Receiver<T> {
    shared: Arc<Shared<T>>,
    buffer: VecDeque<T>,
}

pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            queue: VecDeque::new(),
            senders: 1,
            receiver_waiting: false,
        }),
        message_or_hangup: Condvar::new(),
    });
    let sender = Sender {
        shared: Arc::clone(&shared),
        name: "sender 0".into(),
    };
    let receiver = Receiver {
        shared,
        buffer: VecDeque::new(),
    };
    (sender, receiver)
}

impl<T> Sender<T> {
    /// A clone with its own name in the log.
    pub fn clone_named(&self, name: &str) -> Self {
        self.shared.lock().senders += 1;
        Sender {
            shared: Arc::clone(&self.shared),
            name: name.into(),
        }
    }

    pub fn send(&self, value: T) {
        let mut state = self.shared.lock();
        state.queue.push_back(value);
        let wake = std::mem::replace(&mut state.receiver_waiting, false);
        drop(state);
        if wake {
            note(format!(
                "{}: sends, finds the receiver asleep, wakes it",
                self.name
            ));
            self.shared.message_or_hangup.notify_one();
        } else {
            note(format!("{}: sends, flag false, no notification", self.name));
        }
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        let mut state = self.shared.lock();
        state.senders -= 1;
        // THE BUG. Stage 4 reads the flag here and leaves it alone:
        //     let wake = state.senders == 0 && state.receiver_waiting;
        let was_waiting = std::mem::replace(&mut state.receiver_waiting, false);
        let wake = state.senders == 0 && was_waiting;
        let left = state.senders;
        drop(state);
        note(format!(
            "{}: drops, {left} sender(s) left, flag was {was_waiting}, now false{}",
            self.name,
            if wake { ", wakes the receiver" } else { "" }
        ));
        if wake {
            self.shared.message_or_hangup.notify_all();
        }
    }
}

impl<T> Receiver<T> {
    /// Stage 4's `recv`: the private buffer, the spin, then sleep.
    pub fn recv(&mut self) -> Option<T> {
        if let Some(value) = self.buffer.pop_front() {
            return Some(value);
        }
        let mut state = self.shared.lock();
        let mut spins_left = 16;
        loop {
            if !state.queue.is_empty() {
                std::mem::swap(&mut state.queue, &mut self.buffer);
                break;
            } else if state.senders == 0 {
                note("receiver: queue empty, no sender left: disconnected");
                return None;
            } else if spins_left > 0 {
                spins_left -= 1;
                drop(state);
                state = self.shared.lock();
            } else {
                note("receiver: queue empty after the spin, sets the flag, sleeps");
                state.receiver_waiting = true;
                state = self
                    .shared
                    .message_or_hangup
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
                note("receiver: woken");
                state.receiver_waiting = false;
            }
        }
        drop(state);
        let value = self.buffer.pop_front().expect("the swap took a message");
        Some(value)
    }
}
