//! What the book's tests share: reading the book's sources, rendering it with
//! mdBook's own library (in-process, so nothing needs the mdbook binary), and
//! finding the Rust blocks a reader sees.

pub mod blocks;
pub mod facts;
pub mod prose;
pub mod render;
pub mod snippets;

use std::path::Path;

/// A markdown file under `src/`, as written (includes not expanded).
#[derive(Debug, Clone)]
pub struct Chapter {
    /// Path relative to the workspace root, for messages (`src/ch02-first-channel.md`).
    pub name: String,
    pub text: String,
}

/// Every markdown file under `src/`, sorted by path.
pub fn source_chapters(root: &Path) -> Vec<Chapter> {
    support::files_under(&root.join("src"), ".md")
        .into_iter()
        .map(|path| Chapter {
            name: path.strip_prefix(root).unwrap().display().to_string(),
            text: std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display())),
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
