//! Exercise 4-1: drain the rail, then wait with a deadline. Your code goes in `starter.rs`;
//! `cargo test -p exercise-04-drain-then-wait` tells you when it is done.

#[cfg(not(feature = "solution"))]
mod starter;
#[cfg(not(feature = "solution"))]
pub use starter::*;

#[cfg(feature = "solution")]
mod solution;
#[cfg(feature = "solution")]
pub use solution::*;
