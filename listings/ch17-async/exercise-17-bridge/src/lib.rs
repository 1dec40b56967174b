//! Exercise 17-1: bridge threads and a task. Your code goes in `starter.rs`;
//! `cargo test -p exercise-17-bridge` tells you when it is done.

#[cfg(not(feature = "solution"))]
mod starter;
#[cfg(not(feature = "solution"))]
pub use starter::*;

#[cfg(feature = "solution")]
mod solution;
#[cfg(feature = "solution")]
pub use solution::*;
