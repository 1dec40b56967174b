//! Output checks for the listings of chapter 18.
//!
//! Every pitfall listing prints from one thread only and learns what the other
//! threads did through channels, `join`, or counters read at a moment when the
//! other threads are provably held back (at a gate, a joined thread, a paused
//! job). Each hang is bounded by `recv_timeout` or avoided with `try_send`, and
//! its outcome (`Timeout`, `Full`, a count) follows from who owns which
//! `Sender`, not from timing. So every output is exact, on every run, on one
//! core or many. Listing 18-7 also panics a thread on purpose; the panic
//! message goes to stderr, and stdout reports it through `join`.

#[allow(unused_imports)]
use listing_tests::*;

pub const LISTINGS: &[Listing] = &[
    Listing {
        package: "listing-18-01-hidden-sender",
        check: Check::Exact,
    },
    Listing {
        package: "listing-18-02-rendezvous-self-deadlock",
        check: Check::Exact,
    },
    Listing {
        package: "listing-18-03-unbounded-growth",
        check: Check::Exact,
    },
    Listing {
        package: "listing-18-04-ignored-send-errors",
        check: Check::Exact,
    },
    Listing {
        package: "listing-18-05-threads-never-joined",
        check: Check::Exact,
    },
    Listing {
        package: "listing-18-06-lock-held-across-recv",
        check: Check::Exact,
    },
    Listing {
        package: "listing-18-07-named-threads",
        check: Check::Exact,
    },
];
