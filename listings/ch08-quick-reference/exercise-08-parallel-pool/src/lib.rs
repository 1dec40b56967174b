//! Exercise 8-1: make the worker pool actually parallel. Your code goes in `starter.rs`;
//! `cargo test -p exercise-08-parallel-pool` tells you when it is done.

#[cfg(not(feature = "solution"))]
mod starter;
#[cfg(not(feature = "solution"))]
pub use starter::*;

#[cfg(feature = "solution")]
mod solution;
#[cfg(feature = "solution")]
pub use solution::*;
