//! Exercise 16-1: stop listening to a closed channel. Your code goes in `starter.rs`;
//! `cargo test -p exercise-16-stop-when-closed` tells you when it is done.

#[cfg(not(feature = "solution"))]
mod starter;
#[cfg(not(feature = "solution"))]
pub use starter::*;

#[cfg(feature = "solution")]
mod solution;
#[cfg(feature = "solution")]
pub use solution::*;
