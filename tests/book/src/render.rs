//! Renders the book with mdBook's library at the version the book is built
//! with. mdBook reports problems (a missing include, a bad link in SUMMARY.md)
//! as `tracing` warnings and still succeeds, so the warnings are caught and
//! returned for the checks to fail on.

use mdbook_driver::MDBook;
use mdbook_driver::builtin_renderers::MarkdownRenderer;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// The book's chapters after mdBook's preprocessors ran (every include
/// expanded): each file's path relative to `src/`, and its text.
pub struct Rendered {
    pub chapters: Vec<(PathBuf, String)>,
    /// What mdBook warned about while rendering.
    pub warnings: Vec<String>,
}

/// Renders the book's markdown (includes expanded) into `dest`.
pub fn render_markdown(root: &Path, dest: &Path) -> Result<Rendered, String> {
    let (result, warnings) = catch_warnings(|| {
        // book.toml names one renderer (html), so mdBook writes this one's
        // output straight into `dest`.
        load(root, dest)?
            .execute_build_process(&MarkdownRenderer::new())
            .map_err(|e| format!("mdBook could not render the book's markdown: {e:#}"))
    });
    result?;
    let chapters = support::files_under(dest, ".md")
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            (path.strip_prefix(dest).unwrap().to_path_buf(), text)
        })
        .collect();
    Ok(Rendered { chapters, warnings })
}

/// Builds the HTML book (with its search index) into `dest`; returns mdBook's
/// warnings.
pub fn render_html(root: &Path, dest: &Path) -> Result<Vec<String>, String> {
    let (result, warnings) = catch_warnings(|| {
        load(root, dest)?
            .build()
            .map_err(|e| format!("mdBook could not build the HTML book: {e:#}"))
    });
    result.map(|()| warnings)
}

fn load(root: &Path, dest: &Path) -> Result<MDBook, String> {
    let mut book = MDBook::load(root).map_err(|e| {
        format!(
            "mdBook could not load the book at {}: {e:#}",
            root.display()
        )
    })?;
    book.config.build.build_dir = dest.to_path_buf();
    // Quiz answers show their programs' checked outcomes (`{{#quiz-outcome}}`).
    book.with_preprocessor(book_model::quiz::QuizPreprocessor);
    Ok(book)
}

/// Runs `work` with a `tracing` subscriber on this thread that keeps every
/// warning and error mdBook logs.
fn catch_warnings<T>(work: impl FnOnce() -> T) -> (T, Vec<String>) {
    let log = Log::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .without_time()
        .with_target(false)
        .with_max_level(tracing::Level::WARN)
        .finish();
    let out = tracing::subscriber::with_default(subscriber, work);
    let text = log.0.lock().unwrap_or_else(PoisonError::into_inner);
    let warnings = String::from_utf8_lossy(&text)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_string())
        .collect();
    (out, warnings)
}

#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<u8>>>);

impl io::Write for Log {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
