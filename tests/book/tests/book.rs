//! Checks of the book itself, beyond compiling its code (that is
//! `tests/snippets.rs`): the checks of `book::checks` on the book's model,
//! the HTML build, package names, the prose patterns of `book::prose`, and
//! (with the `external-tools` feature) links and spelling. One test per check:
//! `cargo test -p book --test book includes` runs one. The same checks run on
//! small broken books in `tests/fixtures.rs`, which proves each one fails.

use book::{book, checks, prose};
use libtest_mimic::{Arguments, Trial};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use support::workspace_root;

fn main() {
    let args = Arguments::from_args();
    let root = workspace_root();
    let mut trials: Vec<Trial> = checks::CHECKS
        .iter()
        .map(|&(name, check)| {
            Trial::test(name, move || match book() {
                Ok(book) => book::outcome(check(book)),
                Err(e) => book::outcome(vec![e.clone()]),
            })
        })
        .collect();
    trials.push(Trial::test("html_builds_cleanly", move || {
        book::outcome(html_builds_cleanly())
    }));
    trials.push(Trial::test("package_names_match_folders", move || {
        book::outcome(package_names_match_folders())
    }));
    // The checks by pattern take each chapter as (path, text): the commands
    // with the directives expanded (so generated run lines are checked too),
    // the figures as written (an expanded {{#figure}} is not typed). The
    // README's commands are copied as often as the book's.
    let prose_checks: [(&str, ProseCheck, bool); 2] = [
        // Every `cargo ... -p NAME` names a workspace package.
        (
            "cargo_commands_name_packages",
            prose::cargo_commands_name_packages,
            true,
        ),
        // Chapter 20's benchmark figures all come from generated data.
        (
            "bench_figures_are_generated",
            prose::bench_figures_are_generated,
            false,
        ),
    ];
    trials.extend(prose_checks.into_iter().map(|(name, check, expanded)| {
        Trial::test(name, move || match book() {
            Ok(b) => {
                let pairs: Vec<prose::Chapter> = b
                    .chapters
                    .iter()
                    .map(|c| {
                        let text = if expanded { &c.expanded } else { &c.text };
                        (c.source.display().to_string(), text.clone())
                    })
                    .collect();
                book::outcome(check(root, &pairs))
            }
            Err(e) => book::outcome(vec![e.clone()]),
        })
    }));
    trials.push(Trial::test(
        "readme_commands_name_packages",
        move || match fs::read_to_string(root.join("README.md")) {
            Ok(text) => book::outcome(prose::cargo_commands_name_packages(
                root,
                &[("README.md".to_string(), text)],
            )),
            Err(e) => book::outcome(vec![format!("README.md cannot be read: {e}")]),
        },
    ));
    trials.extend(fact_checks(root));
    // Links and spelling need lychee and typos, which cargo does not build:
    // `cargo xtask test` installs them and turns on `external-tools`.
    #[cfg(feature = "external-tools")]
    trials.extend([
        Trial::test("links_resolve", move || {
            book::outcome(tools::links_resolve())
        }),
        Trial::test("spelling_is_clean", move || {
            book::outcome(tools::spelling_is_clean(root))
        }),
    ]);
    libtest_mimic::run(&args, trials).exit();
}

/// The typed facts tied to their sources of truth (src/facts.rs): Cargo.lock,
/// the local std documentation, the compile-fail cases' `.stderr`, SUMMARY.md.
fn fact_checks(root: &'static Path) -> Vec<Trial> {
    use book::book_model::Book;
    use book::facts;
    type FactCheck = fn(&'static Path, &Book, Option<&facts::Docs>) -> Vec<String>;
    // The std documentation is read once for the links and the versions.
    static DOCS: OnceLock<Result<facts::Docs, String>> = OnceLock::new();
    let trial = move |name: &str, check: FactCheck, needs_docs: bool| {
        Trial::test(name, move || {
            let book = match book() {
                Ok(b) => b,
                Err(e) => return book::outcome(vec![e.clone()]),
            };
            let docs = match needs_docs.then(|| DOCS.get_or_init(facts::Docs::local)) {
                None => None,
                Some(Ok(d)) => Some(d),
                Some(Err(e)) => return book::outcome(vec![e.clone()]),
            };
            book::outcome(check(root, book, docs))
        })
    };
    vec![
        trial(
            "versions_and_error_codes_are_generated",
            |root, book, _| {
                let locked = support::metadata()
                    .packages
                    .iter()
                    .map(|p| p.name.to_string())
                    .collect();
                facts::typed_facts(&with_readme(root, written(book)), &locked)
            },
            false,
        ),
        trial(
            "std_links_resolve",
            |root, book, docs| {
                facts::std_links_resolve(&with_readme(root, written(book)), docs.unwrap())
            },
            true,
        ),
        trial(
            "titles_match_summary",
            |_, book, _| {
                let titled: Vec<(String, String, String)> = book
                    .chapters
                    .iter()
                    .map(|c| {
                        (
                            c.source.display().to_string(),
                            c.title.clone(),
                            c.text.clone(),
                        )
                    })
                    .collect();
                facts::titles_match(&titled)
            },
            false,
        ),
    ]
}

/// The README states facts too (crate versions, std links).
fn with_readme(root: &Path, mut texts: Vec<prose::Chapter>) -> Vec<prose::Chapter> {
    if let Ok(text) = fs::read_to_string(root.join("README.md")) {
        texts.push(("README.md".to_string(), text));
    }
    texts
}

/// Each chapter as written (directives not expanded), as (path, text).
fn written(book: &book::book_model::Book) -> Vec<prose::Chapter> {
    book.chapters
        .iter()
        .map(|c| (c.source.display().to_string(), c.text.clone()))
        .collect()
}

/// A check by pattern (src/prose.rs), which takes chapters as (path, text).
type ProseCheck = fn(&Path, &[prose::Chapter]) -> Vec<String>;

fn html_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("book-html")
}

/// The HTML book, built once per run (the link check reads it too): mdBook's
/// warnings, or why it could not be built.
fn html() -> &'static Result<Vec<String>, String> {
    static HTML: OnceLock<Result<Vec<String>, String>> = OnceLock::new();
    HTML.get_or_init(|| {
        book::book_model::render_html(workspace_root(), &html_dir()).map_err(|e| format!("{e:#}"))
    })
}

fn html_builds_cleanly() -> Vec<String> {
    match html() {
        Ok(warnings) => warnings.iter().map(|w| format!("mdbook: {w}")).collect(),
        Err(e) => vec![e.clone()],
    }
}

/// Every package (listing, exercise and check crate) is named after its folder,
/// so `cargo run -p NAME` / `cargo test -p NAME` and the path a reader browses
/// to agree.
fn package_names_match_folders() -> Vec<String> {
    support::packages()
        .values()
        .filter_map(|p| {
            let folder = p.dir.file_name()?.to_string_lossy();
            (folder != p.name.as_str()).then(|| {
                format!(
                    "{}: the package is named `{}`; name it after its folder, `{folder}`",
                    p.dir
                        .strip_prefix(workspace_root())
                        .unwrap_or(&p.dir)
                        .display(),
                    p.name
                )
            })
        })
        .collect()
}

/// The checks that run tools cargo does not build: links and `#fragments` in
/// the HTML book (lychee, offline) and spelling (typos), at the versions
/// Cargo.toml pins (`support::tools`).
#[cfg(feature = "external-tools")]
mod tools {
    use std::path::Path;

    pub fn links_resolve() -> Vec<String> {
        // `html_builds_cleanly` reports mdBook's warnings; links need the book.
        if let Err(e) = super::html() {
            return vec![e.clone()];
        }
        support::tools::broken_links(&super::html_dir())
    }

    pub fn spelling_is_clean(root: &Path) -> Vec<String> {
        support::tools::misspellings(root, &["src", "listings", "README.md"])
    }
}
