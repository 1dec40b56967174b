//! Output checks for the listings of chapter 19.
//!
//! The four listings build a channel and print only what every run
//! guarantees, from the main thread: each waiter's tickets in the order it
//! sent them (FIFO per producer), when unread tickets are dropped (Listing
//! 19-1 prints from `Drop`, so a receiver that kept its buffer alive would
//! print the line too late), the values failed sends hand back, and the
//! errors that mark each end of the channel. Their output is exact. The
//! channels themselves are checked much harder by the conformance suite
//! (`tests/conformance/tests/book_channel.rs`).

#[allow(unused_imports)]
use listing_tests::*;

pub const LISTINGS: &[Listing] = &[
    // Stage 1: Mutex + Condvar, unbounded.
    Listing {
        package: "listing-19-01-mutex-condvar",
        check: Check::Exact,
    },
    // Stage 2: bounded; a full rail makes `send` wait, the chef's departure
    // wakes it with the ticket handed back.
    Listing {
        package: "listing-19-02-bounded",
        check: Check::Exact,
    },
    // Stage 3: 10,000 tickets through the optimized channel, none lost,
    // duplicated or out of order.
    Listing {
        package: "listing-19-03-optimised",
        check: Check::Exact,
    },
    // Stage 4: a rush with no ticket lost or reordered, a timeout while the
    // kitchen is quiet, and a late ticket that must wake a sleeping chef (a
    // lost wake-up would hang the run until the harness times out).
    Listing {
        package: "listing-19-04-spin-then-sleep",
        check: Check::Exact,
    },
];
