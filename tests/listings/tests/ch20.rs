//! Output checks for the listings of chapter 20.

#[allow(unused_imports)]
use listing_tests::*;

pub const LISTINGS: &[Listing] = &[];
