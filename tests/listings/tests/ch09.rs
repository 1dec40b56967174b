//! Output checks for the listings of chapter 9.

#[allow(unused_imports)]
use listing_tests::*;

pub const LISTINGS: &[Listing] = &[];
