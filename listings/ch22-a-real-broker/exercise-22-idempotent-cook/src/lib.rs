//! Exercise 22-1: an idempotent cook. Your code goes in
//! `starter.rs`; `cargo test -p exercise-22-idempotent-cook` tells you when it is
//! done.

#[cfg(not(feature = "solution"))]
mod starter;
#[cfg(not(feature = "solution"))]
pub use starter::*;

#[cfg(feature = "solution")]
mod solution;
#[cfg(feature = "solution")]
pub use solution::*;
