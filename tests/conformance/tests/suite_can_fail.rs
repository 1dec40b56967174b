//! The suite can fail: each property is run against a channel with a
//! deliberate defect and must panic, with the message that names the defect.
//! A property that passed here would be checking nothing.
//!
//! `Broken` wraps a working flavor (std's) and adds one defect, using only the
//! `Flavor` operations, so the defects are the bugs a hand-written channel
//! could have: a lost or reordered message, an early disconnection, a missed
//! wake-up, an off-by-one capacity, a handle leaked during a panic.
//!
//! One defect cannot be written that way: a channel that keeps one queue per
//! sender and merges them in the wrong order. [`lanes`] is such a channel,
//! written out in full; it passes the per-producer order property and fails
//! `order_follows_happens_before`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::thread;
use std::time::Duration;

use conformance::{
    Disconnected, Flavor, StdChannel, StdSyncChannel, TimeoutErr, TryRecvErr, TrySendErr,
    failure_of,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Defect {
    /// `send` silently drops every 1000th message.
    LosesEveryThousandth,
    /// `recv` swaps every 1000th message with the next one.
    SwapsPairs,
    /// Receiving reports a disconnection as soon as the senders are gone,
    /// ignoring what is still buffered.
    ReportsDisconnectBeforeDrained,
    /// `send` returns `Ok` (and drops the value) when the receiver is gone.
    SendOkAfterReceiverDropped,
    /// Dropping the receiver leaves it (and the buffer) alive until the last
    /// sender goes, as a shared `Arc` without a disconnect flag would.
    KeepsBufferAfterReceiverDropped,
    /// A `send` that has to wait never notices the receiver is gone.
    SendHangsAfterDisconnect,
    /// `try_recv` never says `Disconnected` (nor `recv_timeout`).
    TryRecvNeverDisconnected,
    /// `recv_timeout` gives up at once instead of waiting.
    RecvTimeoutReturnsEarly,
    /// Reports a capacity one less than the buffer really holds.
    OffByOneCapacity,
    /// A sender dropped during a panic is leaked: the channel never
    /// disconnects.
    PanickingSenderLeaks,
    /// A receiver dropped during a panic is leaked: sends keep succeeding.
    PanickingReceiverLeaks,
}

struct Broken<F> {
    inner: F,
    defect: Defect,
}

struct Shared<F: Flavor, T: Send + 'static> {
    sent: AtomicUsize,
    parked_receiver: Mutex<Option<F::Receiver<T>>>,
}

struct Tx<F: Flavor, T: Send + 'static> {
    inner: Option<F::Sender<T>>,
    defect: Defect,
    shared: Arc<Shared<F, T>>,
    /// One strong count per live sender.
    alive: Arc<()>,
}

impl<F: Flavor, T: Send + 'static> Clone for Tx<F, T> {
    fn clone(&self) -> Self {
        Tx {
            inner: self.inner.clone(),
            defect: self.defect,
            shared: Arc::clone(&self.shared),
            alive: Arc::clone(&self.alive),
        }
    }
}

impl<F: Flavor, T: Send + 'static> Tx<F, T> {
    fn inner(&self) -> &F::Sender<T> {
        self.inner.as_ref().expect("sender used after drop")
    }
}

impl<F: Flavor, T: Send + 'static> Drop for Tx<F, T> {
    fn drop(&mut self) {
        if self.defect == Defect::PanickingSenderLeaks && thread::panicking() {
            std::mem::forget(self.inner.take());
        }
    }
}

struct Rx<F: Flavor, T: Send + 'static> {
    inner: Option<F::Receiver<T>>,
    defect: Defect,
    shared: Arc<Shared<F, T>>,
    senders: Weak<()>,
    received: AtomicUsize,
    held_back: Mutex<Option<T>>,
}

impl<F: Flavor, T: Send + 'static> Rx<F, T> {
    fn inner(&self) -> &F::Receiver<T> {
        self.inner.as_ref().expect("receiver used after drop")
    }

    fn senders_gone_early(&self) -> bool {
        self.defect == Defect::ReportsDisconnectBeforeDrained && self.senders.strong_count() == 0
    }
}

impl<F: Flavor, T: Send + 'static> Drop for Rx<F, T> {
    fn drop(&mut self) {
        match self.defect {
            Defect::KeepsBufferAfterReceiverDropped => {
                *self.shared.parked_receiver.lock().unwrap() = self.inner.take();
            }
            Defect::PanickingReceiverLeaks if thread::panicking() => {
                std::mem::forget(self.inner.take());
            }
            _ => {}
        }
    }
}

impl<F: Flavor> Flavor for Broken<F> {
    type Sender<T: Send + 'static> = Tx<F, T>;
    type Receiver<T: Send + 'static> = Rx<F, T>;

    fn channel<T: Send + 'static>(&self) -> (Self::Sender<T>, Self::Receiver<T>) {
        let (tx, rx) = self.inner.channel();
        let shared = Arc::new(Shared {
            sent: AtomicUsize::new(0),
            parked_receiver: Mutex::new(None),
        });
        let alive = Arc::new(());
        let rx = Rx {
            inner: Some(rx),
            defect: self.defect,
            shared: Arc::clone(&shared),
            senders: Arc::downgrade(&alive),
            received: AtomicUsize::new(0),
            held_back: Mutex::new(None),
        };
        let tx = Tx {
            inner: Some(tx),
            defect: self.defect,
            shared,
            alive,
        };
        (tx, rx)
    }

    fn capacity(&self) -> Option<usize> {
        let capacity = self.inner.capacity();
        if self.defect == Defect::OffByOneCapacity {
            capacity.map(|c| c - 1)
        } else {
            capacity
        }
    }

    fn send<T: Send + 'static>(tx: &Self::Sender<T>, mut value: T) -> Result<(), T> {
        match tx.defect {
            Defect::LosesEveryThousandth
                if tx.shared.sent.fetch_add(1, Ordering::Relaxed) % 1000 == 999 =>
            {
                return Ok(());
            }
            Defect::SendOkAfterReceiverDropped => {
                return F::send(tx.inner(), value).or(Ok(()));
            }
            Defect::SendHangsAfterDisconnect => loop {
                match F::try_send(tx.inner(), value) {
                    Ok(()) => return Ok(()),
                    Err(TrySendErr::Full(v) | TrySendErr::Disconnected(v)) => {
                        value = v;
                        thread::sleep(Duration::from_millis(1));
                    }
                }
            },
            _ => {}
        }
        F::send(tx.inner(), value)
    }

    fn try_send<T: Send + 'static>(tx: &Self::Sender<T>, value: T) -> Result<(), TrySendErr<T>> {
        F::try_send(tx.inner(), value)
    }

    fn recv<T: Send + 'static>(rx: &Self::Receiver<T>) -> Result<T, Disconnected> {
        if rx.senders_gone_early() {
            return Err(Disconnected);
        }
        if rx.defect == Defect::SwapsPairs {
            if let Some(held) = rx.held_back.lock().unwrap().take() {
                return Ok(held);
            }
            let first = F::recv(rx.inner())?;
            if rx.received.fetch_add(1, Ordering::Relaxed) % 1000 == 999
                && let Ok(second) = F::recv(rx.inner())
            {
                *rx.held_back.lock().unwrap() = Some(first);
                return Ok(second);
            }
            return Ok(first);
        }
        F::recv(rx.inner())
    }

    fn try_recv<T: Send + 'static>(rx: &Self::Receiver<T>) -> Result<T, TryRecvErr> {
        if rx.senders_gone_early() {
            return Err(TryRecvErr::Disconnected);
        }
        match F::try_recv(rx.inner()) {
            Err(TryRecvErr::Disconnected) if rx.defect == Defect::TryRecvNeverDisconnected => {
                Err(TryRecvErr::Empty)
            }
            other => other,
        }
    }

    fn recv_timeout<T: Send + 'static>(
        rx: &Self::Receiver<T>,
        timeout: Duration,
    ) -> Result<T, TimeoutErr> {
        if rx.senders_gone_early() {
            return Err(TimeoutErr::Disconnected);
        }
        match rx.defect {
            Defect::RecvTimeoutReturnsEarly => F::try_recv(rx.inner()).map_err(|e| match e {
                TryRecvErr::Empty => TimeoutErr::Timeout,
                TryRecvErr::Disconnected => TimeoutErr::Disconnected,
            }),
            Defect::TryRecvNeverDisconnected => match F::recv_timeout(rx.inner(), timeout) {
                Err(TimeoutErr::Disconnected) => Err(TimeoutErr::Timeout),
                other => other,
            },
            _ => F::recv_timeout(rx.inner(), timeout),
        }
    }
}

/// The stall limit for a defect that makes the property fail: the property
/// fails by itself (within milliseconds), so this is the suite's own limit.
fn fails() -> Duration {
    conformance::stall_limit()
}

/// The stall limit for a defect that makes the property hang. The watchdog
/// judges progress, not total time: the steps before the hang make progress
/// every few milliseconds however slow the machine is, and the hang stops all
/// progress for good, so 2 s without any is a hang, never a slow step.
const HANGS: Duration = Duration::from_secs(2);

/// Runs `property` on `inner` with `defect` under a watchdog that fails it
/// after `stall` without progress, and checks that it fails with a message
/// containing `expected`. The property's panics print nothing: they are
/// expected.
fn assert_fails<F: Flavor + Send>(
    stall: Duration,
    property: fn(&Broken<F>),
    inner: F,
    defect: Defect,
    expected: &str,
) {
    let flavor = Broken { inner, defect };
    let Some(text) = failure_of("broken", stall, move || property(&flavor)) else {
        panic!("the property passed on a channel with the defect {defect:?}");
    };
    assert!(
        text.contains(expected),
        "with the defect {defect:?} the property failed, but not as expected \
         (wanted {expected:?}): {text}"
    );
}

use conformance as suite;

#[test]
fn lost_message_is_caught() {
    assert_fails(
        fails(),
        suite::no_loss_no_duplicates_fifo_per_producer,
        StdChannel,
        Defect::LosesEveryThousandth,
        "never arrived",
    );
}

#[test]
fn reordered_messages_are_caught() {
    assert_fails(
        fails(),
        suite::no_loss_no_duplicates_fifo_per_producer,
        StdSyncChannel(64),
        Defect::SwapsPairs,
        "out of order",
    );
}

#[test]
fn disconnect_before_drained_is_caught() {
    assert_fails(
        fails(),
        suite::recv_errs_only_when_senders_gone_and_drained,
        StdSyncChannel(8),
        Defect::ReportsDisconnectBeforeDrained,
        "recv must still deliver it",
    );
}

#[test]
fn send_ok_after_receiver_dropped_is_caught() {
    assert_fails(
        fails(),
        suite::failed_send_returns_the_value,
        StdChannel,
        Defect::SendOkAfterReceiverDropped,
        "send returned Ok after the receiver was dropped",
    );
}

#[test]
fn buffer_kept_after_receiver_dropped_is_caught() {
    assert_fails(
        fails(),
        suite::dropping_receiver_drops_buffer_and_wakes_senders,
        StdChannel,
        Defect::KeepsBufferAfterReceiverDropped,
        "must drop the 16 buffered messages right away",
    );
}

#[test]
fn blocked_sender_not_woken_is_caught() {
    assert_fails(
        HANGS,
        suite::dropping_receiver_drops_buffer_and_wakes_senders,
        StdSyncChannel(1),
        Defect::SendHangsAfterDisconnect,
        "Last step: joining a sender blocked in send",
    );
}

#[test]
fn try_recv_never_disconnected_is_caught() {
    assert_fails(
        fails(),
        suite::try_recv_and_recv_timeout,
        StdChannel,
        Defect::TryRecvNeverDisconnected,
        "must be Disconnected",
    );
}

#[test]
fn recv_timeout_returning_early_is_caught() {
    assert_fails(
        fails(),
        suite::try_recv_and_recv_timeout,
        StdChannel,
        Defect::RecvTimeoutReturnsEarly,
        "returned Timeout after only",
    );
}

#[test]
fn off_by_one_capacity_is_caught() {
    assert_fails(
        fails(),
        suite::try_send_full_and_disconnected,
        StdSyncChannel(3),
        Defect::OffByOneCapacity,
        "must be Full",
    );
}

#[test]
fn sender_leaked_by_panicking_producer_is_caught() {
    assert_fails(
        HANGS,
        suite::panicking_producer_drops_its_sender,
        StdChannel,
        Defect::PanickingSenderLeaks,
        "Last step: receiving until Err",
    );
}

#[test]
fn receiver_leaked_by_panicking_consumer_is_caught() {
    assert_fails(
        fails(),
        suite::panicking_consumer_drops_its_receiver,
        StdChannel,
        Defect::PanickingReceiverLeaks,
        "dropped during unwinding",
    );
}

#[test]
fn blocked_sender_not_released_by_consumer_panic_is_caught() {
    assert_fails(
        HANGS,
        suite::panicking_consumer_drops_its_receiver,
        StdSyncChannel(2),
        Defect::SendHangsAfterDisconnect,
        "Last step: joining a sender blocked on a full channel",
    );
}

/// A channel with one queue per sender handle, which the receiver serves
/// newest sender first: a design that spares producers from contending on one
/// queue, with a merge that ignores when each message was sent. Nothing is
/// lost or duplicated and each queue is first in, first out, so every
/// producer's messages stay in order; but a message from an older sender waits
/// behind a newer sender's, even when it was sent first. Unbounded.
mod lanes {
    use std::collections::VecDeque;
    use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
    use std::time::{Duration, Instant};

    use conformance::{Disconnected, Flavor, TimeoutErr, TryRecvErr, TrySendErr};

    struct State<T> {
        /// One queue per sender handle ever made, oldest first.
        lanes: Vec<VecDeque<T>>,
        senders: usize,
        receiver: bool,
    }

    struct Shared<T> {
        state: Mutex<State<T>>,
        sent: Condvar,
    }

    impl<T> Shared<T> {
        fn lock(&self) -> MutexGuard<'_, State<T>> {
            self.state.lock().unwrap_or_else(PoisonError::into_inner)
        }
    }

    impl<T> State<T> {
        /// The defect: the newest sender's queue is served first.
        fn take(&mut self) -> Option<T> {
            self.lanes.iter_mut().rev().find_map(VecDeque::pop_front)
        }
    }

    pub struct Sender<T> {
        shared: Arc<Shared<T>>,
        lane: usize,
    }

    impl<T> Clone for Sender<T> {
        fn clone(&self) -> Self {
            let mut state = self.shared.lock();
            state.lanes.push(VecDeque::new());
            state.senders += 1;
            Sender {
                shared: Arc::clone(&self.shared),
                lane: state.lanes.len() - 1,
            }
        }
    }

    impl<T> Drop for Sender<T> {
        fn drop(&mut self) {
            self.shared.lock().senders -= 1;
            self.shared.sent.notify_all();
        }
    }

    pub struct Receiver<T> {
        shared: Arc<Shared<T>>,
    }

    impl<T> Drop for Receiver<T> {
        fn drop(&mut self) {
            let buffered: Vec<VecDeque<T>> = {
                let mut state = self.shared.lock();
                state.receiver = false;
                state.lanes.iter_mut().map(std::mem::take).collect()
            };
            drop(buffered);
        }
    }

    /// The flavor of this channel.
    pub struct NewestSenderFirst;

    impl Flavor for NewestSenderFirst {
        type Sender<T: Send + 'static> = Sender<T>;
        type Receiver<T: Send + 'static> = Receiver<T>;

        fn channel<T: Send + 'static>(&self) -> (Sender<T>, Receiver<T>) {
            let shared = Arc::new(Shared {
                state: Mutex::new(State {
                    lanes: vec![VecDeque::new()],
                    senders: 1,
                    receiver: true,
                }),
                sent: Condvar::new(),
            });
            let rx = Receiver {
                shared: Arc::clone(&shared),
            };
            (Sender { shared, lane: 0 }, rx)
        }

        fn capacity(&self) -> Option<usize> {
            None
        }

        fn send<T: Send + 'static>(tx: &Sender<T>, value: T) -> Result<(), T> {
            let mut state = tx.shared.lock();
            if !state.receiver {
                return Err(value);
            }
            state.lanes[tx.lane].push_back(value);
            drop(state);
            tx.shared.sent.notify_one();
            Ok(())
        }

        fn try_send<T: Send + 'static>(tx: &Sender<T>, value: T) -> Result<(), TrySendErr<T>> {
            Self::send(tx, value).map_err(TrySendErr::Disconnected)
        }

        fn recv<T: Send + 'static>(rx: &Receiver<T>) -> Result<T, Disconnected> {
            let mut state = rx.shared.lock();
            loop {
                if let Some(value) = state.take() {
                    return Ok(value);
                }
                if state.senders == 0 {
                    return Err(Disconnected);
                }
                state = rx
                    .shared
                    .sent
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
        }

        fn try_recv<T: Send + 'static>(rx: &Receiver<T>) -> Result<T, TryRecvErr> {
            let mut state = rx.shared.lock();
            match state.take() {
                Some(value) => Ok(value),
                None if state.senders == 0 => Err(TryRecvErr::Disconnected),
                None => Err(TryRecvErr::Empty),
            }
        }

        fn recv_timeout<T: Send + 'static>(
            rx: &Receiver<T>,
            timeout: Duration,
        ) -> Result<T, TimeoutErr> {
            let deadline = Instant::now() + timeout;
            let mut state = rx.shared.lock();
            loop {
                if let Some(value) = state.take() {
                    return Ok(value);
                }
                if state.senders == 0 {
                    return Err(TimeoutErr::Disconnected);
                }
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(TimeoutErr::Timeout);
                }
                state = rx
                    .shared
                    .sent
                    .wait_timeout(state, left)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
            }
        }
    }
}

/// The newest-sender-first channel keeps each producer's order: the
/// per-producer property cannot see its defect, which is why
/// `order_follows_happens_before` exists.
#[test]
fn newest_sender_first_keeps_per_producer_order() {
    let failure = failure_of("newest sender first, per producer", fails(), || {
        suite::no_loss_no_duplicates_fifo_per_producer(&lanes::NewestSenderFirst)
    });
    assert_eq!(
        failure, None,
        "the newest-sender-first channel keeps every producer's messages in order, \
         so the per-producer property must pass on it"
    );
}

/// The relay's turn order changes every round, so no fixed preference among
/// senders passes: without luck, this channel fails at round 9 at the latest,
/// the first round in which all four messages are buffered before the
/// receiver starts and a newer sender sends after an older one.
#[test]
fn order_across_threads_broken_is_caught() {
    let Some(text) = failure_of("newest sender first", fails(), || {
        suite::order_follows_happens_before(&lanes::NewestSenderFirst)
    }) else {
        panic!("order_follows_happens_before passed on the newest-sender-first channel");
    };
    assert!(
        text.contains("out of happens-before order"),
        "the newest-sender-first channel failed order_follows_happens_before, \
         but not as expected (wanted \"out of happens-before order\"): {text}"
    );
}
