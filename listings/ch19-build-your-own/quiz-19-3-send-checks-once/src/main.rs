use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread;
use std::time::Duration;

// Stage 2's bounded channel (Listing 19-2), cut down to what this program
// uses, plus a count of the senders asleep in `send`, so that the chef can
// act once the waiter is surely asleep.
struct State<T> {
    queue: VecDeque<T>,
    capacity: usize,
    senders: usize,
    receiver_alive: bool,
    senders_asleep: usize,
}

struct Shared<T> {
    state: Mutex<State<T>>,
    not_empty: Condvar,
    not_full: Condvar,
}

impl<T> Shared<T> {
    fn lock(&self) -> MutexGuard<'_, State<T>> {
        self.state.lock().unwrap()
    }
}

pub struct SyncSender<T> {
    shared: Arc<Shared<T>>,
}

pub struct Receiver<T> {
    shared: Arc<Shared<T>>,
}

#[derive(Debug)]
pub struct SendError<T>(pub T);

pub fn sync_channel<T>(capacity: usize) -> (SyncSender<T>, Receiver<T>) {
    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            queue: VecDeque::new(),
            capacity,
            senders: 1,
            receiver_alive: true,
            senders_asleep: 0,
        }),
        not_empty: Condvar::new(),
        not_full: Condvar::new(),
    });
    let sender = SyncSender {
        shared: Arc::clone(&shared),
    };
    (sender, Receiver { shared })
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
    /// Waits until `n` senders are asleep in `send` (not part of stage 2).
    fn until_senders_asleep(&self, n: usize) {
        while self.shared.lock().senders_asleep < n {
            thread::sleep(Duration::from_millis(1));
        }
    }
}

impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        let mut state = self.shared.lock();
        state.receiver_alive = false;
        let unread = std::mem::take(&mut state.queue);
        drop(state);
        self.shared.not_full.notify_all();
        drop(unread);
    }
}

/// Waits on `not_full`, counted in `senders_asleep` while asleep.
fn sleep_until_room<'a, T>(
    shared: &Shared<T>,
    mut state: MutexGuard<'a, State<T>>,
) -> MutexGuard<'a, State<T>> {
    state.senders_asleep += 1;
    let mut state = shared.not_full.wait(state).unwrap();
    state.senders_asleep -= 1;
    state
}

// ANCHOR: shown
impl<T> SyncSender<T> {
    pub fn send(&self, value: T) -> Result<(), SendError<T>> {
        let mut state = self.shared.lock();
        // Checked once, before the loop, instead of on every round.
        if !state.receiver_alive {
            return Err(SendError(value));
        }
        while state.queue.len() == state.capacity {
            state = sleep_until_room(&self.shared, state);
        }
        state.queue.push_back(value);
        drop(state);
        self.shared.not_empty.notify_one();
        Ok(())
    }
}
// ANCHOR_END: shown

fn main() {
    // A rail with room for one ticket, and it is taken.
    let (tx, rx) = sync_channel::<&str>(1);
    tx.send("table 1").unwrap();
    let waiter = thread::spawn(move || tx.send("table 2"));
    rx.until_senders_asleep(1);
    drop(rx);
    println!(
        "this channel: send(\"table 2\") returned {:?}",
        waiter.join().unwrap()
    );

    // The same story with std's channel.
    let (tx, rx) = std::sync::mpsc::sync_channel::<&str>(1);
    tx.send("table 1").unwrap();
    let waiter = thread::spawn(move || tx.send("table 2"));
    drop(rx);
    println!(
        "std: send(\"table 2\") returned {:?}",
        waiter.join().unwrap()
    );
}
