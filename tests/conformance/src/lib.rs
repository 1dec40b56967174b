//! What an mpsc channel guarantees, written once and checked against any
//! implementation.
//!
//! An implementation under test is described by a [`Flavor`]: how to make a
//! channel, its capacity, and the six operations the book uses (`send`,
//! `try_send`, `recv`, `try_recv`, `recv_timeout`, and cloning the sender).
//! Each guarantee is a property function, generic over the flavor, that panics
//! with a message saying what broke. [`conformance_suite!`] turns a flavor into a
//! module of `#[test]`s, one per property, each run under a watchdog so that a
//! channel that loses a wake-up fails the test instead of hanging it.
//!
//! `tests/std_channels.rs` runs the suite against `std::sync::mpsc`:
//! [`StdChannel`] (`channel()`, unbounded) and [`StdSyncChannel`]
//! (`sync_channel(n)`; `n = 0` is a rendezvous channel).
//!
//! # Plugging in another channel
//!
//! Write a flavor for it in a test file of this crate (the channel's crate
//! becomes a `[dev-dependencies]` entry) and add one macro line. The
//! operations are associated functions of the flavor, not methods of the
//! channel's types, so nothing needs to be implemented on someone else's type.
//! `tests/another_channel.rs` does this, with std's `sync_channel(4)`
//! standing in for the other channel (`cargo test -p conformance --test
//! another_channel` compiles and runs it).
//!
//! A channel without `try_send`, `try_recv` or `recv_timeout` can still run
//! the rest: write `unimplemented!()` for the missing operations and name the
//! properties to run, as in
//! `conformance_suite!(my_channel, MyChannel, [no_loss_no_duplicates_fifo_per_producer, ...])`.
//! Only [`try_recv_and_recv_timeout`] and [`try_send_full_and_disconnected`]
//! use those operations; every other property needs only `channel`,
//! `capacity`, `send`, `recv` and `Clone`.
//!
//! # Size and soak runs
//!
//! By default [`no_loss_no_duplicates_fifo_per_producer`] sends
//! 8 producers × 5,000 messages = 40,000 messages per flavor, and
//! [`order_follows_happens_before`] plays 2,000 rounds of 4 sends ordered by
//! happens-before. The environment variable `CONFORMANCE_SCALE` multiplies
//! both (`CONFORMANCE_SCALE=80` sends and plays 80 times as many;
//! `cargo xtask stress` runs the suite at a larger scale too). The watchdog judges
//! progress (steps and received messages), not total time, so a longer run
//! needs no longer limit.

mod harness;
mod properties;
mod std_flavors;

pub use harness::{
    DELIBERATE, failure_of, progress, record_step, run_with_watchdog, scale, stall_limit,
};
pub use properties::*;
pub use std_flavors::{StdChannel, StdSyncChannel};

use std::time::Duration;

/// An implementation under test: how to make one of its channels and how to
/// call each operation on it.
///
/// The operations are associated functions (not methods of `Sender`/`Receiver`
/// traits) so a flavor can be written in a test file for a channel from another
/// crate without newtype wrappers.
pub trait Flavor: 'static {
    /// The sending half. Cloning it makes another sender of the same channel.
    type Sender<T: Send + 'static>: Clone + Send + 'static;
    /// The receiving half. It must be movable to another thread.
    type Receiver<T: Send + 'static>: Send + 'static;

    /// A new, empty channel.
    fn channel<T: Send + 'static>(&self) -> (Self::Sender<T>, Self::Receiver<T>);

    /// How many messages the channel buffers: `None` for unbounded, `Some(0)`
    /// for a rendezvous channel.
    fn capacity(&self) -> Option<usize>;

    /// Blocks while a bounded channel is full (a rendezvous channel: until a
    /// receiver takes the value). `Err` gives the value back when the receiver
    /// is gone, including when it goes while this call is waiting.
    fn send<T: Send + 'static>(tx: &Self::Sender<T>, value: T) -> Result<(), T>;

    /// Never blocks. `Full` when a bounded channel has no room (a rendezvous
    /// channel: no receiver is waiting); an unbounded channel is never `Full`.
    fn try_send<T: Send + 'static>(tx: &Self::Sender<T>, value: T) -> Result<(), TrySendErr<T>>;

    /// Blocks until a message arrives; `Err` only once every sender is gone and
    /// the buffer is empty.
    fn recv<T: Send + 'static>(rx: &Self::Receiver<T>) -> Result<T, Disconnected>;

    /// Never blocks: a buffered message, `Empty`, or `Disconnected` (no senders
    /// and nothing buffered).
    fn try_recv<T: Send + 'static>(rx: &Self::Receiver<T>) -> Result<T, TryRecvErr>;

    /// Like `recv`, but gives up with `Timeout` after waiting at least
    /// `timeout`.
    fn recv_timeout<T: Send + 'static>(
        rx: &Self::Receiver<T>,
        timeout: Duration,
    ) -> Result<T, TimeoutErr>;
}

/// Why `try_send` did not send; both variants give the value back.
#[derive(Debug, PartialEq, Eq)]
pub enum TrySendErr<T> {
    Full(T),
    Disconnected(T),
}

/// `recv` failed: every sender is gone and nothing is buffered.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub struct Disconnected;

/// Why `try_recv` returned no message.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum TryRecvErr {
    Empty,
    Disconnected,
}

/// Why `recv_timeout` returned no message.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum TimeoutErr {
    Timeout,
    Disconnected,
}

/// Expands to `mod $module { ... }` with one `#[test]` per property, each
/// calling the property on `$flavor` under [`run_with_watchdog`].
///
/// `$flavor` is evaluated inside each test (on the property's thread); it can
/// name items of the file that invokes the macro.
///
/// ```text
/// conformance_suite!(std_bounded_64, StdSyncChannel(64));
/// conformance_suite!(mine, MyChannel, [no_loss_no_duplicates_fifo_per_producer]);
/// ```
#[macro_export]
macro_rules! conformance_suite {
    ($module:ident, $flavor:expr, [$($property:ident),+ $(,)?] $(,)?) => {
        mod $module {
            #[allow(unused_imports)]
            use super::*;
            $(
                #[test]
                fn $property() {
                    $crate::run_with_watchdog(
                        concat!(stringify!($module), "::", stringify!($property)),
                        $crate::stall_limit(),
                        || $crate::$property(&$flavor),
                    );
                }
            )+
        }
    };
    ($module:ident, $flavor:expr $(,)?) => {
        $crate::conformance_suite!(
            $module,
            $flavor,
            [
                no_loss_no_duplicates_fifo_per_producer,
                order_follows_happens_before,
                recv_errs_only_when_senders_gone_and_drained,
                failed_send_returns_the_value,
                dropping_receiver_drops_buffer_and_wakes_senders,
                try_recv_and_recv_timeout,
                try_send_full_and_disconnected,
                panicking_producer_drops_its_sender,
                panicking_consumer_drops_its_receiver,
            ]
        );
    };
}

/// `n` as the book's prose writes it, with thousands separators: 5000 -> "5,000".
/// The tests that tie quoted counts to their constants share it.
pub fn with_separators(n: impl std::fmt::Display) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}
