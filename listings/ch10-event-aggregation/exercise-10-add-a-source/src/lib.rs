//! Exercise 10-1: add a source to the event loop. Your code goes in
//! `starter.rs`; `cargo test -p exercise-10-add-a-source` tells you when it
//! is done.

#[cfg(not(feature = "solution"))]
mod starter;
#[cfg(not(feature = "solution"))]
pub use starter::*;

#[cfg(feature = "solution")]
mod solution;
#[cfg(feature = "solution")]
pub use solution::*;
