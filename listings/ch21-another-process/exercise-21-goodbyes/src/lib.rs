//! Exercise 21-1: waiters who say goodbye. Your code goes in
//! `starter.rs`; `cargo test -p exercise-21-goodbyes` tells you when it is
//! done.

#[cfg(not(feature = "solution"))]
mod starter;
#[cfg(not(feature = "solution"))]
pub use starter::*;

#[cfg(feature = "solution")]
mod solution;
#[cfg(feature = "solution")]
pub use solution::*;
