//! Exercise 11-1: keep every line, and report the ones you could not keep.
//! Your code goes in `starter.rs`; `cargo test -p exercise-11-keep-every-line`
//! tells you when it is done.

#[cfg(not(feature = "solution"))]
mod starter;
#[cfg(not(feature = "solution"))]
pub use starter::*;

#[cfg(feature = "solution")]
mod solution;
#[cfg(feature = "solution")]
pub use solution::*;
