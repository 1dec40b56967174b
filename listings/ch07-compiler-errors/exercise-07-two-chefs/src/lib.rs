//! Exercise 7-1: share the work between two chefs. Your code goes in
//! `starter.rs`; `cargo test -p exercise-07-two-chefs` tells you when it is done.

#[cfg(not(feature = "solution"))]
mod starter;
#[cfg(not(feature = "solution"))]
pub use starter::*;

#[cfg(feature = "solution")]
mod solution;
#[cfg(feature = "solution")]
pub use solution::*;
