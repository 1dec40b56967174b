//! Exercise 20-1: give the kitchen a second cook. Your code goes in
//! `starter.rs`; `cargo test -p exercise-20-two-cooks` tells you when it is done.

#[cfg(not(feature = "solution"))]
mod starter;
#[cfg(not(feature = "solution"))]
pub use starter::*;

#[cfg(feature = "solution")]
mod solution;
#[cfg(feature = "solution")]
pub use solution::*;
