//! `std::sync::mpsc` as flavors: the reference the suite is checked against.

use std::sync::mpsc;
use std::time::Duration;

use crate::{Disconnected, Flavor, TimeoutErr, TryRecvErr, TrySendErr};

/// `std::sync::mpsc::channel()`: unbounded, `Sender<T>`.
#[derive(Debug, Clone, Copy)]
pub struct StdChannel;

/// `std::sync::mpsc::sync_channel(n)`: bounded, `SyncSender<T>`; `n = 0` is a
/// rendezvous channel.
#[derive(Debug, Clone, Copy)]
pub struct StdSyncChannel(pub usize);

fn try_recv_err(e: mpsc::TryRecvError) -> TryRecvErr {
    match e {
        mpsc::TryRecvError::Empty => TryRecvErr::Empty,
        mpsc::TryRecvError::Disconnected => TryRecvErr::Disconnected,
    }
}

fn timeout_err(e: mpsc::RecvTimeoutError) -> TimeoutErr {
    match e {
        mpsc::RecvTimeoutError::Timeout => TimeoutErr::Timeout,
        mpsc::RecvTimeoutError::Disconnected => TimeoutErr::Disconnected,
    }
}

impl Flavor for StdChannel {
    type Sender<T: Send + 'static> = mpsc::Sender<T>;
    type Receiver<T: Send + 'static> = mpsc::Receiver<T>;

    fn channel<T: Send + 'static>(&self) -> (Self::Sender<T>, Self::Receiver<T>) {
        mpsc::channel()
    }

    fn capacity(&self) -> Option<usize> {
        None
    }

    fn send<T: Send + 'static>(tx: &Self::Sender<T>, value: T) -> Result<(), T> {
        tx.send(value).map_err(|mpsc::SendError(v)| v)
    }

    fn try_send<T: Send + 'static>(tx: &Self::Sender<T>, value: T) -> Result<(), TrySendErr<T>> {
        // `Sender::send` never blocks, so it is its own `try_send`.
        tx.send(value)
            .map_err(|mpsc::SendError(v)| TrySendErr::Disconnected(v))
    }

    fn recv<T: Send + 'static>(rx: &Self::Receiver<T>) -> Result<T, Disconnected> {
        rx.recv().map_err(|mpsc::RecvError| Disconnected)
    }

    fn try_recv<T: Send + 'static>(rx: &Self::Receiver<T>) -> Result<T, TryRecvErr> {
        rx.try_recv().map_err(try_recv_err)
    }

    fn recv_timeout<T: Send + 'static>(
        rx: &Self::Receiver<T>,
        timeout: Duration,
    ) -> Result<T, TimeoutErr> {
        rx.recv_timeout(timeout).map_err(timeout_err)
    }
}

impl Flavor for StdSyncChannel {
    type Sender<T: Send + 'static> = mpsc::SyncSender<T>;
    type Receiver<T: Send + 'static> = mpsc::Receiver<T>;

    fn channel<T: Send + 'static>(&self) -> (Self::Sender<T>, Self::Receiver<T>) {
        mpsc::sync_channel(self.0)
    }

    fn capacity(&self) -> Option<usize> {
        Some(self.0)
    }

    fn send<T: Send + 'static>(tx: &Self::Sender<T>, value: T) -> Result<(), T> {
        tx.send(value).map_err(|mpsc::SendError(v)| v)
    }

    fn try_send<T: Send + 'static>(tx: &Self::Sender<T>, value: T) -> Result<(), TrySendErr<T>> {
        tx.try_send(value).map_err(|e| match e {
            mpsc::TrySendError::Full(v) => TrySendErr::Full(v),
            mpsc::TrySendError::Disconnected(v) => TrySendErr::Disconnected(v),
        })
    }

    fn recv<T: Send + 'static>(rx: &Self::Receiver<T>) -> Result<T, Disconnected> {
        rx.recv().map_err(|mpsc::RecvError| Disconnected)
    }

    fn try_recv<T: Send + 'static>(rx: &Self::Receiver<T>) -> Result<T, TryRecvErr> {
        rx.try_recv().map_err(try_recv_err)
    }

    fn recv_timeout<T: Send + 'static>(
        rx: &Self::Receiver<T>,
        timeout: Duration,
    ) -> Result<T, TimeoutErr> {
        rx.recv_timeout(timeout).map_err(timeout_err)
    }
}
