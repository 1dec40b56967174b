//! Exercise 15-1: report progress from N workers. Your code goes in `starter.rs`;
//! `cargo test -p exercise-15-progress-summary` tells you when it is done.

#[cfg(not(feature = "solution"))]
mod starter;
#[cfg(not(feature = "solution"))]
pub use starter::*;

#[cfg(feature = "solution")]
mod solution;
#[cfg(feature = "solution")]
pub use solution::*;
