//! Exercise 3-2: fix the hang. Your code goes in `starter.rs`;
//! `cargo test -p exercise-03-fix-the-hang` tells you when it is done.

#[cfg(not(feature = "solution"))]
mod starter;
#[cfg(not(feature = "solution"))]
pub use starter::*;

#[cfg(feature = "solution")]
mod solution;
#[cfg(feature = "solution")]
pub use solution::*;
