//! Output checks for the listings of chapter 1.
//!
//! The introduction has no listings: it only describes the book.

#[allow(unused_imports)]
use listing_tests::*;

pub const LISTINGS: &[Listing] = &[];
