//! Exercise 19-1: let blocked senders know the receiver has gone. Your code
//! goes in `starter.rs`; `cargo test -p exercise-19-receiver-gone` tells you
//! when it is done.

#[cfg(not(feature = "solution"))]
mod starter;
#[cfg(not(feature = "solution"))]
pub use starter::*;

#[cfg(feature = "solution")]
mod solution;
#[cfg(feature = "solution")]
pub use solution::*;
