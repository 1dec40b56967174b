//! Output checks for the listings of chapter 4.
//!
//! Every listing here joins its producer (or keeps the only Sender on the
//! receiving thread) before it receives, so its output is exact.

#[allow(unused_imports)]
use listing_tests::*;

pub const LISTINGS: &[Listing] = &[
    Listing {
        package: "listing-04-01-recv-loop",
        check: Check::Exact,
    },
    Listing {
        package: "listing-04-02-try-recv",
        check: Check::Exact,
    },
    Listing {
        package: "listing-04-03-own-sender-timeout",
        check: Check::Exact,
    },
    Listing {
        package: "listing-04-04-for-loops",
        check: Check::Exact,
    },
    Listing {
        package: "listing-04-05-try-iter-vs-iter",
        check: Check::Exact,
    },
];
