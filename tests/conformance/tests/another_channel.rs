//! Another channel plugged into the suite: the example of the crate's
//! documentation (`src/lib.rs`), with std's `sync_channel(4)` standing in
//! for the channel under test.

use conformance::{Disconnected, Flavor, TimeoutErr, TryRecvErr, TrySendErr};
use std::sync::mpsc;
use std::time::Duration;

/// The book's channel would go here; this one has room for 4 messages.
struct MyChannel;

impl Flavor for MyChannel {
    type Sender<T: Send + 'static> = mpsc::SyncSender<T>;
    type Receiver<T: Send + 'static> = mpsc::Receiver<T>;

    fn channel<T: Send + 'static>(&self) -> (Self::Sender<T>, Self::Receiver<T>) {
        mpsc::sync_channel(4)
    }
    fn capacity(&self) -> Option<usize> {
        Some(4) // `None` for an unbounded channel, `Some(0)` for rendezvous
    }
    fn send<T: Send + 'static>(tx: &Self::Sender<T>, value: T) -> Result<(), T> {
        tx.send(value).map_err(|e| e.0)
    }
    fn try_send<T: Send + 'static>(tx: &Self::Sender<T>, value: T) -> Result<(), TrySendErr<T>> {
        tx.try_send(value).map_err(|e| match e {
            mpsc::TrySendError::Full(v) => TrySendErr::Full(v),
            mpsc::TrySendError::Disconnected(v) => TrySendErr::Disconnected(v),
        })
    }
    fn recv<T: Send + 'static>(rx: &Self::Receiver<T>) -> Result<T, Disconnected> {
        rx.recv().map_err(|_| Disconnected)
    }
    fn try_recv<T: Send + 'static>(rx: &Self::Receiver<T>) -> Result<T, TryRecvErr> {
        rx.try_recv().map_err(|e| match e {
            mpsc::TryRecvError::Empty => TryRecvErr::Empty,
            mpsc::TryRecvError::Disconnected => TryRecvErr::Disconnected,
        })
    }
    fn recv_timeout<T: Send + 'static>(
        rx: &Self::Receiver<T>,
        d: Duration,
    ) -> Result<T, TimeoutErr> {
        rx.recv_timeout(d).map_err(|e| match e {
            mpsc::RecvTimeoutError::Timeout => TimeoutErr::Timeout,
            mpsc::RecvTimeoutError::Disconnected => TimeoutErr::Disconnected,
        })
    }
}

// This one line gives a `my_channel` module with a `#[test]` per property
// (`conformance_suite!(my_channel, MyChannel)` for all of them; the
// std_channels tests already run them all on std's channels):
conformance::conformance_suite!(
    my_channel,
    MyChannel,
    [
        failed_send_returns_the_value,
        try_send_full_and_disconnected
    ]
);

// A property can also be called directly:
#[test]
fn called_directly() {
    conformance::failed_send_returns_the_value(&MyChannel);
}
