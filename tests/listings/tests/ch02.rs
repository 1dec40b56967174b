//! Output checks for the listings of chapter 2.
//!
//! Every listing here is deterministic (one producer, and `join` or `recv`
//! orders every print), so each must print exactly its `output.txt`.

#[allow(unused_imports)]
use listing_tests::*;

pub const LISTINGS: &[Listing] = &[
    // One ticket from a spawned waiter reaches the chef.
    Listing {
        package: "listing-02-01-first-message",
        check: Check::Exact,
    },
    // ERRATA 4: after sending an `i32` the waiter still prints its own copy.
    Listing {
        package: "listing-02-02-copy-or-move",
        check: Check::Exact,
    },
    // Naming the message type: parsed table numbers arrive as `u8`.
    Listing {
        package: "listing-02-03-naming-the-type",
        check: Check::Exact,
    },
    // ERRATA 2: the waiter finishes (and is joined) before anyone receives,
    // so `Sender::send` did not wait; the tickets then arrive in order.
    Listing {
        package: "listing-02-04-send-does-not-wait",
        check: Check::Exact,
    },
];
