//! What the book's tests share: the book as `book-model` loads it (mdBook's
//! loader, the book's directives, every include expanded, in memory), and the
//! Rust blocks a reader sees.

pub mod prose;
pub mod snippets;

pub use book_model;

use std::path::Path;
use std::sync::OnceLock;

/// A markdown file under `src/`, with the book's directives expanded
/// (mdBook's includes as written).
#[derive(Debug, Clone)]
pub struct Chapter {
    /// Path relative to the workspace root, for messages (`src/ch02-first-channel.md`).
    pub name: String,
    pub text: String,
}

/// The book at the workspace root, loaded once per test binary.
pub fn book() -> &'static Result<book_model::Book, String> {
    static BOOK: OnceLock<Result<book_model::Book, String>> = OnceLock::new();
    BOOK.get_or_init(|| {
        book_model::Book::load(support::workspace_root()).map_err(|e| format!("{e:#}"))
    })
}

/// Every markdown file under `src/`, sorted by path: the book's chapters with
/// their directives expanded, other files (SUMMARY.md) as written.
pub fn source_chapters(root: &Path) -> Vec<Chapter> {
    let model = book_model::Book::load(root).ok();
    support::files_under(&root.join("src"), ".md")
        .into_iter()
        .map(|path| {
            let name = path.strip_prefix(root).unwrap().display().to_string();
            let text = model
                .as_ref()
                .and_then(|b| b.chapter(&name))
                .map(|c| c.expanded.clone())
                .unwrap_or_else(|| {
                    std::fs::read_to_string(&path)
                        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
                });
            Chapter { name, text }
        })
        .collect()
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
