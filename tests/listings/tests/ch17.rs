//! Output checks for the listings of chapter 17.
//!
//! All three listings are deterministic: Listing 17-1 orders its events with
//! a oneshot "go" signal on a single-threaded runtime, Listing 17-2 is one
//! FIFO chain (thread -> task -> thread), and Listing 17-3 runs its steps
//! one after another.

#[allow(unused_imports)]
use listing_tests::*;

pub const LISTINGS: &[Listing] = &[
    // ERRATA 7: a task blocked in std `recv_timeout` keeps the other task
    // from running until the call returns (the waiter prints after the
    // chef's Timeout); with tokio's channel the waiter runs during the wait.
    Listing {
        package: "listing-17-01-std-recv-blocks-executor",
        check: Check::Exact,
    },
    // A std thread `blocking_send`s into a task that `.recv().await`s; the
    // task `send().await`s to a std thread that `blocking_recv`s; all in order.
    Listing {
        package: "listing-17-02-threads-and-tasks",
        check: Check::Exact,
    },
    // `blocking_send` in `block_on` and `blocking_recv` in a task panic with
    // tokio's message; `spawn_blocking` runs a std `recv` safely.
    Listing {
        package: "listing-17-03-blocking-calls-in-async",
        check: Check::Exact,
    },
];
