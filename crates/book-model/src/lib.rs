//! The book as every build and every check sees it.
//!
//! - [`mdbook`] loads the book with mdBook's own library and registers the
//!   book's directives ([`directives`]) ahead of mdBook's `links`, so the
//!   reader's build, the Pages build and the checks render the same book.
//! - [`render_html`] builds the HTML book and returns mdBook's warnings.
//! - [`Book::load`] gives the chapters with their numbers and source paths, as
//!   written, with the directives expanded, and fully rendered (includes
//!   expanded), all in memory.
//! - One parser each: [`include`] (mdBook's includes), [`blocks`] (fenced
//!   blocks, through mdBook's own pulldown-cmark), [`listing::ListingId`].
//! - [`versions`]: `{{#since}}`, `{{#since-release}}`, `{{#rust-version}}`
//!   and `{{#crate-version}}`, generated from the local std documentation
//!   ([`stddocs`]), rust-toolchain.toml and Cargo.lock.
//! - [`quiz`]: the programs behind the quizzes' questions about code, and
//!   the `{{#quiz-program}}` / `{{#quiz-outcome}}` directives that show them.

pub mod blocks;
pub mod course;
pub mod directives;
pub mod include;
pub mod listing;
pub mod playground;
pub mod quiz;
pub mod stddocs;
pub mod versions;

use anyhow::{Context, Result};
use mdbook_driver::MDBook;
use mdbook_driver::book::BookItem;
use mdbook_driver::builtin_preprocessors::{IndexPreprocessor, LinkPreprocessor};
use mdbook_driver::builtin_renderers::MarkdownRenderer;
use mdbook_driver::config::Config;
use mdbook_preprocessor::PreprocessorContext;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

pub use directives::Directives;
pub use listing::ListingId;

/// The book at `root`, with the book's directives registered first, then
/// mdBook's `links` and `index`. mdBook would append a registered
/// preprocessor after its own, where `links` has already run; turning the
/// defaults off and registering all three gives the order explicitly.
pub fn mdbook(root: &Path) -> Result<MDBook> {
    let mut config = Config::from_disk(root.join("book.toml"))
        .with_context(|| format!("mdBook cannot read {}", root.join("book.toml").display()))?;
    config.update_from_env()?;
    config.build.use_default_preprocessors = false;
    let mut book = MDBook::load_with_config(root, config)
        .with_context(|| format!("mdBook cannot load the book at {}", root.display()))?;
    book.with_preprocessor(Directives)
        .with_preprocessor(LinkPreprocessor::new())
        .with_preprocessor(IndexPreprocessor::new());
    Ok(book)
}

/// Builds the HTML book (with its search index) into `dest`; returns mdBook's
/// warnings, which the checks fail on (mdBook itself only logs them).
pub fn render_html(root: &Path, dest: &Path) -> Result<Vec<String>> {
    let (result, warnings) = catch_warnings(|| -> Result<()> {
        let mut book = mdbook(root)?;
        book.config.build.build_dir = dest.to_path_buf();
        book.build().context("mdBook could not build the HTML book")
    });
    result.map(|()| warnings)
}

/// One page of the book.
#[derive(Debug, Clone)]
pub struct Chapter {
    /// Its title in `SUMMARY.md`.
    pub title: String,
    /// Its number in the sidebar (`[3]`), empty for unnumbered pages.
    pub number: Vec<u32>,
    /// Relative to the root, for messages: `src/ch03-many-producers.md`.
    pub source: PathBuf,
    /// Relative to `src/`: `ch03-many-producers.md`.
    pub path: PathBuf,
    /// As written.
    pub text: String,
    /// With the book's directives expanded; mdBook's includes still as written.
    pub expanded: String,
    /// As the renderers see it: every include expanded.
    pub rendered: String,
    /// For each line of `expanded`, the line of `text` it came from.
    pub source_lines: Vec<usize>,
}

impl Chapter {
    /// The line an author wrote for line `expanded_line` (1-based) of `expanded`.
    pub fn source_line(&self, expanded_line: usize) -> usize {
        self.source_lines
            .get(expanded_line.wrapping_sub(1))
            .copied()
            .unwrap_or(expanded_line)
    }

    /// The folder its includes are relative to (absolute when `root` is).
    pub fn dir(&self, root: &Path) -> PathBuf {
        root.join(&self.source)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }
}

/// The book's chapters in sidebar order.
#[derive(Debug, Clone)]
pub struct Book {
    pub root: PathBuf,
    pub chapters: Vec<Chapter>,
    /// What mdBook warned about while preprocessing.
    pub warnings: Vec<String>,
}

impl Book {
    /// Loads and preprocesses the book in memory. A directive that cannot be
    /// expanded is an error naming the chapter, the line and what is missing.
    pub fn load(root: &Path) -> Result<Book> {
        let (result, warnings) = catch_warnings(|| -> Result<Vec<Chapter>> {
            let md = mdbook(root)?;
            let src = md.config.book.src.clone();
            let ctx = PreprocessorContext::new(
                md.root.clone(),
                md.config.clone(),
                "markdown".to_string(),
            );
            let mut expanded = md.book.clone();
            let mut line_maps = directives::expand(&ctx.root, &src, &mut expanded)?;
            let (rendered, _) = md.preprocess_book(&MarkdownRenderer::new())?;
            let mut chapters = Vec::new();
            let texts = |b: &mdbook_driver::book::Book| -> Vec<(Option<PathBuf>, String)> {
                b.iter()
                    .filter_map(|item| match item {
                        BookItem::Chapter(ch) => Some((ch.source_path.clone(), ch.content.clone())),
                        _ => None,
                    })
                    .collect()
            };
            let expanded = texts(&expanded);
            let rendered = texts(&rendered);
            for item in md.book.iter() {
                let BookItem::Chapter(ch) = item else {
                    continue;
                };
                let Some(path) = ch.source_path.clone() else {
                    continue;
                };
                let find = |all: &[(Option<PathBuf>, String)]| {
                    all.iter()
                        .find(|(p, _)| p.as_ref() == Some(&path))
                        .map(|(_, t)| t.clone())
                        .unwrap_or_default()
                };
                chapters.push(Chapter {
                    title: ch.name.clone(),
                    number: ch.number.as_ref().map(|n| n.to_vec()).unwrap_or_default(),
                    source: src.join(&path),
                    text: ch.content.clone(),
                    expanded: find(&expanded),
                    rendered: find(&rendered),
                    source_lines: line_maps.remove(&path).unwrap_or_default(),
                    path,
                });
            }
            Ok(chapters)
        });
        Ok(Book {
            root: root.to_path_buf(),
            chapters: result?,
            warnings,
        })
    }

    /// The chapter whose source is `source` (`src/ch03-many-producers.md`).
    pub fn chapter(&self, source: &str) -> Option<&Chapter> {
        self.chapters.iter().find(|c| c.source == Path::new(source))
    }
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
