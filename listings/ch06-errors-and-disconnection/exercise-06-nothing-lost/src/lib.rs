//! Exercise 6-1: lose no order when the kitchen closes. Your code goes in `starter.rs`;
//! `cargo test -p exercise-06-nothing-lost` tells you when it is done.

#[cfg(not(feature = "solution"))]
mod starter;
#[cfg(not(feature = "solution"))]
pub use starter::*;

#[cfg(feature = "solution")]
mod solution;
#[cfg(feature = "solution")]
pub use solution::*;
