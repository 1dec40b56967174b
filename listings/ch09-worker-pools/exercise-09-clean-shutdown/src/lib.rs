//! Exercise 9-1: make this pool shut down cleanly. Your code goes in
//! `starter.rs`; `cargo test -p exercise-09-clean-shutdown` tells you when it
//! is done.

#[cfg(not(feature = "solution"))]
mod starter;
#[cfg(not(feature = "solution"))]
pub use starter::*;

#[cfg(feature = "solution")]
mod solution;
#[cfg(feature = "solution")]
pub use solution::*;
