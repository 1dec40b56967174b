//! Exercise 5-1: bound the logger and keep every line. Your code goes in `starter.rs`;
//! `cargo test -p exercise-05-bounded-logger` tells you when it is done.

#[cfg(not(feature = "solution"))]
mod starter;
#[cfg(not(feature = "solution"))]
pub use starter::*;

#[cfg(feature = "solution")]
mod solution;
#[cfg(feature = "solution")]
pub use solution::*;
