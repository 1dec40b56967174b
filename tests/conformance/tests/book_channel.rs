//! The conformance suite against the book's own channels (chapter 19): the
//! same properties std's channels pass, unchanged.
//!
//! - Stage 1, `listing-19-01-mutex-condvar`: unbounded, `Mutex` + `Condvar`.
//! - Stage 2, `listing-19-02-bounded`: bounded (capacity 1 and 64; it has no
//!   rendezvous mode, so capacity 0 is not run).
//! - Stage 3, `listing-19-03-optimised`: stage 1 plus the `receiver_waiting`
//!   flag and the receiver's private buffer.
//! - Stage 4, `listing-19-04-spin-then-sleep`: stage 3 plus a bounded spin
//!   before the receiver sleeps, and one wake-up per sleep.
//!
//! Stages 1, 3 and 4 are unbounded and have no `try_send`; like std's `Sender`,
//! whose `send` never blocks, their `try_send` is `send` with `Disconnected`
//! for a gone receiver (never `Full`), which is what the suite expects of an
//! unbounded channel.

use std::time::Duration;

use conformance::{Disconnected, Flavor, TimeoutErr, TryRecvErr, TrySendErr, conformance_suite};

/// Writes the flavor methods shared by every stage's `Receiver` (their error
/// types have the same shape in each stage's module).
macro_rules! receive_ops {
    ($stage:ident) => {
        fn recv<T: Send + 'static>(rx: &Self::Receiver<T>) -> Result<T, Disconnected> {
            rx.recv().map_err(|$stage::RecvError| Disconnected)
        }

        fn try_recv<T: Send + 'static>(rx: &Self::Receiver<T>) -> Result<T, TryRecvErr> {
            rx.try_recv().map_err(|e| match e {
                $stage::TryRecvError::Empty => TryRecvErr::Empty,
                $stage::TryRecvError::Disconnected => TryRecvErr::Disconnected,
            })
        }

        fn recv_timeout<T: Send + 'static>(
            rx: &Self::Receiver<T>,
            timeout: Duration,
        ) -> Result<T, TimeoutErr> {
            rx.recv_timeout(timeout).map_err(|e| match e {
                $stage::RecvTimeoutError::Timeout => TimeoutErr::Timeout,
                $stage::RecvTimeoutError::Disconnected => TimeoutErr::Disconnected,
            })
        }
    };
}

/// Writes a flavor for an unbounded stage (1, 3 or 4).
macro_rules! unbounded_flavor {
    ($flavor:ident, $stage:ident) => {
        struct $flavor;

        impl Flavor for $flavor {
            type Sender<T: Send + 'static> = $stage::Sender<T>;
            type Receiver<T: Send + 'static> = $stage::Receiver<T>;

            fn channel<T: Send + 'static>(&self) -> (Self::Sender<T>, Self::Receiver<T>) {
                $stage::channel()
            }

            fn capacity(&self) -> Option<usize> {
                None
            }

            fn send<T: Send + 'static>(tx: &Self::Sender<T>, value: T) -> Result<(), T> {
                tx.send(value).map_err(|$stage::SendError(value)| value)
            }

            fn try_send<T: Send + 'static>(
                tx: &Self::Sender<T>,
                value: T,
            ) -> Result<(), TrySendErr<T>> {
                // `send` on an unbounded channel never blocks.
                tx.send(value)
                    .map_err(|$stage::SendError(value)| TrySendErr::Disconnected(value))
            }

            receive_ops!($stage);
        }
    };
}

use listing_19_01_mutex_condvar as stage1;
use listing_19_02_bounded as stage2;
use listing_19_03_optimised as stage3;
use listing_19_04_spin_then_sleep as stage4;

unbounded_flavor!(Stage1, stage1);
unbounded_flavor!(Stage3, stage3);
unbounded_flavor!(Stage4, stage4);

/// Stage 2 with the given capacity (at least 1).
struct Stage2(usize);

impl Flavor for Stage2 {
    type Sender<T: Send + 'static> = stage2::SyncSender<T>;
    type Receiver<T: Send + 'static> = stage2::Receiver<T>;

    fn channel<T: Send + 'static>(&self) -> (Self::Sender<T>, Self::Receiver<T>) {
        stage2::sync_channel(self.0)
    }

    fn capacity(&self) -> Option<usize> {
        Some(self.0)
    }

    fn send<T: Send + 'static>(tx: &Self::Sender<T>, value: T) -> Result<(), T> {
        tx.send(value).map_err(|stage2::SendError(value)| value)
    }

    fn try_send<T: Send + 'static>(tx: &Self::Sender<T>, value: T) -> Result<(), TrySendErr<T>> {
        tx.try_send(value).map_err(|e| match e {
            stage2::TrySendError::Full(value) => TrySendErr::Full(value),
            stage2::TrySendError::Disconnected(value) => TrySendErr::Disconnected(value),
        })
    }

    receive_ops!(stage2);
}

// Stage 1: the plain Mutex + Condvar channel.
conformance_suite!(book_stage1_unbounded, Stage1);
// Stage 2: the smallest buffer, where senders block all the time...
conformance_suite!(book_stage2_bounded_1, Stage2(1));
// ...and a buffer that is sometimes full, sometimes not.
conformance_suite!(book_stage2_bounded_64, Stage2(64));
// Stage 3: the optimized channel.
conformance_suite!(book_stage3_optimised, Stage3);
// Stage 4: stage 3 with a bounded spin before the receiver sleeps.
conformance_suite!(book_stage4_spin_then_sleep, Stage4);
