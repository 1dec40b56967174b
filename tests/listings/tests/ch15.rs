//! Output checks for the listings of chapter 15.
//!
//! The progress bars go to stderr, and indicatif hides them when stderr is
//! not a terminal (the runner pipes it), so stdout holds only what the
//! listings print themselves: the summary, which is the same on every run.

#[allow(unused_imports)]
use listing_tests::*;

pub const LISTINGS: &[Listing] = &[
    // Every station's Started/Advanced/Finished events reach the one
    // reporter thread: the per-station totals and update counts are exact.
    Listing {
        package: "listing-15-01-progress-bars",
        check: Check::Exact,
    },
    // Under the runner stderr is a pipe: the bar reports itself hidden,
    // `bar.println` prints nothing, and only the `suspend` lines reach stdout.
    Listing {
        package: "listing-15-02-nobody-watching",
        check: Check::Exact,
    },
];
