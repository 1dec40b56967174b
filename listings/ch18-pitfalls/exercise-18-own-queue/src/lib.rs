//! Exercise 18-2: stop sending to yourself. Your code goes in `starter.rs`;
//! `cargo test -p exercise-18-own-queue` tells you when it is done.

#[cfg(not(feature = "solution"))]
mod starter;
#[cfg(not(feature = "solution"))]
pub use starter::*;

#[cfg(feature = "solution")]
mod solution;
#[cfg(feature = "solution")]
pub use solution::*;
