//! What the book's tests share: the book as `book-model` loads it (mdBook's
//! loader, the book's directives, every include expanded, in memory), and the
//! Rust blocks a reader sees.

pub mod checks;
pub mod facts;
pub mod prose;
pub mod snippets;

pub use book_model;

use std::sync::OnceLock;

/// The book at the workspace root, loaded once per test binary.
pub fn book() -> &'static Result<book_model::Book, String> {
    static BOOK: OnceLock<Result<book_model::Book, String>> = OnceLock::new();
    BOOK.get_or_init(|| {
        book_model::Book::load(support::workspace_root()).map_err(|e| format!("{e:#}"))
    })
}

/// A check's findings as a test result: passed when there are none, else
/// failed with each finding on its own line.
pub fn outcome(problems: Vec<String>) -> Result<(), libtest_mimic::Failed> {
    if problems.is_empty() {
        return Ok(());
    }
    Err(problems
        .iter()
        .map(|p| format!("error: {p}"))
        .collect::<Vec<_>>()
        .join("\n")
        .into())
}
