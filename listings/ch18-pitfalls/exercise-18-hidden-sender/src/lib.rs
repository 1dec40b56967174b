//! Exercise 18-1: find the hidden Sender. Your code goes in `starter.rs`;
//! `cargo test -p exercise-18-hidden-sender` tells you when it is done.

#[cfg(not(feature = "solution"))]
mod starter;
#[cfg(not(feature = "solution"))]
pub use starter::*;

#[cfg(feature = "solution")]
mod solution;
#[cfg(feature = "solution")]
pub use solution::*;
