//! Output checks for the listings of chapter 16.

#[allow(unused_imports)]
use listing_tests::*;

pub const LISTINGS: &[Listing] = &[];
