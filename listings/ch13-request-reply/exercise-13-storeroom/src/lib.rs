//! Exercise 13-1: a storeroom that answers requests. Your code goes in
//! `starter.rs`; `cargo test -p exercise-13-storeroom` tells you when it is
//! done.

#[cfg(not(feature = "solution"))]
mod starter;
#[cfg(not(feature = "solution"))]
pub use starter::*;

#[cfg(feature = "solution")]
mod solution;
#[cfg(feature = "solution")]
pub use solution::*;
