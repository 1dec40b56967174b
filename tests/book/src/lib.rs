//! Helpers shared by the build script and the book's tests.

pub mod blocks;
pub mod prose;
