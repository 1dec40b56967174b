//! Exercise 3-1: fan in three sensors. Your code goes in `starter.rs`;
//! `cargo test -p exercise-03-fan-in` tells you when it is done.

#[cfg(not(feature = "solution"))]
mod starter;
#[cfg(not(feature = "solution"))]
pub use starter::*;

#[cfg(feature = "solution")]
mod solution;
#[cfg(feature = "solution")]
pub use solution::*;
