//! Exercise 14-1: a station for a bounded line. Your code goes in
//! `starter.rs`; `cargo test -p exercise-14-bounded-line` tells you when it
//! is done.

#[cfg(not(feature = "solution"))]
mod starter;
#[cfg(not(feature = "solution"))]
pub use starter::*;

#[cfg(feature = "solution")]
mod solution;
#[cfg(feature = "solution")]
pub use solution::*;
