//! Exercise 2-1: add up a bill on a waiter thread. Your code goes in
//! `starter.rs`; `cargo test -p exercise-02-bill-on-a-thread` tells you when
//! it is done.

#[cfg(not(feature = "solution"))]
mod starter;
#[cfg(not(feature = "solution"))]
pub use starter::*;

#[cfg(feature = "solution")]
mod solution;
#[cfg(feature = "solution")]
pub use solution::*;
