//! Exercise 12-1: count words in parallel. Your code goes in `starter.rs`;
//! `cargo test -p exercise-12-word-count` tells you when it is done.

#[cfg(not(feature = "solution"))]
mod starter;
#[cfg(not(feature = "solution"))]
pub use starter::*;

#[cfg(feature = "solution")]
mod solution;
#[cfg(feature = "solution")]
pub use solution::*;
