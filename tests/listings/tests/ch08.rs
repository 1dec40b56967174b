//! Output checks for the listings of chapter 8.
//!
//! Listing 8-1 sorts what its two threads send, and Listing 8-2 runs each job
//! queue with a single worker thread, so both print the same text every run.

#[allow(unused_imports)]
use listing_tests::*;

pub const LISTINGS: &[Listing] = &[
    Listing {
        package: "listing-08-01-auto-traits",
        check: Check::Exact,
    },
    Listing {
        package: "listing-08-02-lock-held-during-job",
        check: Check::Exact,
    },
];
