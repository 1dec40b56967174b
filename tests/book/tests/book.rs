//! Checks of the book itself, beyond compiling its code (that is
//! `tests/snippets.rs`): every include resolves, no code is pasted where it
//! should be included, every listing and compile-fail case is shown, the HTML
//! builds without warnings, the course outline and diagrams are in order. One
//! test per check: `cargo test -p book --test book includes` runs one.
//! Links and spelling need tools cargo does not build (lychee, typos): those
//! two checks are compiled in with the `external-tools` feature.
//!
//! mdBook exits 0 when an include is missing (it leaves the directive as text)
//! and renders a misspelled anchor as an EMPTY code block, so these checks look
//! at the sources and at the rendered markdown rather than trusting its status.

use book::book_model::blocks::{Block, Kind as BlockKind, fenced_blocks};
use libtest_mimic::{Arguments, Trial};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use support::workspace_root;

fn main() {
    let args = Arguments::from_args();
    let root = workspace_root();
    let chapters = Arc::new(source_chapters(root));
    let checks: [(&str, BookCheck); 8] = [
        ("includes_resolve", includes_resolve),
        ("code_is_included", code_is_included),
        ("everything_is_shown", everything_is_shown),
        ("rendered_is_complete", rendered_is_complete),
        ("html_builds_cleanly", html_builds_cleanly),
        ("outline_matches", outline_matches),
        ("diagrams_are_accessible", diagrams_are_accessible),
        ("package_names_match_folders", package_names_match_folders),
    ];
    // The checks of the prose (src/prose.rs) take each chapter as (path, text).
    use book::prose;
    let pairs: Arc<Vec<prose::Chapter>> = Arc::new(
        chapters
            .iter()
            .map(|c| (c.name.clone(), c.text.clone()))
            .collect(),
    );
    // The README's commands are copied as often as the book's.
    let readme = fs::read_to_string(root.join("README.md"))
        .map(|text| vec![("README.md".to_string(), text)])
        .unwrap_or_default();
    let prose_checks: [(&str, ProseCheck); 4] = [
        // Sidebar numbers, chapter files and listing directories agree.
        ("sidebar_matches_files", prose::sidebar_matches_files),
        // Every "Listing N-M" and "Chapter N" points at one that exists.
        ("references_resolve", prose::references_resolve),
        // Every `cargo ... -p NAME` names a workspace package.
        (
            "cargo_commands_name_packages",
            prose::cargo_commands_name_packages,
        ),
        // Chapter 20's benchmark figures all come from generated fragments.
        (
            "bench_figures_are_generated",
            prose::bench_figures_are_generated,
        ),
    ];
    let mut trials: Vec<Trial> = checks
        .into_iter()
        .map(|(name, check)| {
            let chapters = Arc::clone(&chapters);
            Trial::test(name, move || book::outcome(check(root, &chapters)))
        })
        .collect();
    trials.extend(prose_checks.into_iter().map(|(name, check)| {
        let pairs = Arc::clone(&pairs);
        Trial::test(name, move || book::outcome(check(root, &pairs)))
    }));
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
    trials.push(Trial::test("readme_commands_name_packages", move || {
        if readme.is_empty() {
            return book::outcome(vec!["README.md cannot be read".into()]);
        }
        book::outcome(prose::cargo_commands_name_packages(root, &readme))
    }));
    libtest_mimic::run(&args, trials).exit();
}

/// A check of the whole book: returns its findings, empty when all is well.
type BookCheck = fn(&Path, &[Chapter]) -> Vec<String>;

/// A check of the prose (src/prose.rs), which takes chapters as (path, text).
type ProseCheck = fn(&Path, &[book::prose::Chapter]) -> Vec<String>;

/// A chapter source file under `src/`.
struct Chapter {
    /// Path relative to the root, for messages (`src/ch02-first-channel.md`).
    name: String,
    /// Its directory, which its includes are relative to.
    dir: PathBuf,
    text: String,
}

fn source_chapters(root: &Path) -> Vec<Chapter> {
    book::source_chapters(root)
        .into_iter()
        .map(|c| Chapter {
            dir: root.join(&c.name).parent().unwrap().to_path_buf(),
            name: c.name,
            text: c.text,
        })
        .collect()
}

/// One `{{#include ...}}` or `{{#rustdoc_include ...}}` directive.
struct Include {
    line: usize,
    directive: String,
    /// The file, resolved against the chapter's directory and normalised.
    file: PathBuf,
    /// The anchor name, when the directive names one (not a line range).
    anchor: Option<String>,
}

fn includes(chapter: &Chapter) -> Vec<Include> {
    let mut found = Vec::new();
    for (i, line) in chapter.text.lines().enumerate() {
        let mut rest = line;
        while let Some(start) = rest.find("{{#") {
            let after = &rest[start + 3..];
            let Some(end) = after.find("}}") else { break };
            let directive = &after[..end];
            rest = &after[end + 2..];
            let Some(arg) = directive
                .strip_prefix("include ")
                .or_else(|| directive.strip_prefix("rustdoc_include "))
            else {
                continue;
            };
            let mut parts = arg.trim().splitn(2, ':');
            let path = parts.next().unwrap();
            let selector = parts.next();
            let anchor = selector
                .filter(|s| !s.chars().all(|c| c.is_ascii_digit() || c == ':'))
                .map(str::to_string);
            found.push(Include {
                line: i + 1,
                directive: format!("{{{{#{directive}}}}}"),
                file: support::normalise(&chapter.dir.join(path)),
                anchor,
            });
        }
    }
    found
}

fn has_anchor(text: &str, name: &str) -> bool {
    let marks = |tag: &str| {
        text.lines().any(|l| {
            l.split_once(tag).is_some_and(|(_, rest)| {
                let rest = rest.trim_start();
                rest.strip_prefix(name).is_some_and(|tail| {
                    !tail.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '-')
                })
            })
        })
    };
    marks("ANCHOR:") && marks("ANCHOR_END:")
}

fn includes_resolve(root: &Path, chapters: &[Chapter]) -> Vec<String> {
    let mut problems = Vec::new();
    for ch in chapters {
        for inc in includes(ch) {
            let shown = inc
                .file
                .strip_prefix(root)
                .unwrap_or(&inc.file)
                .display()
                .to_string();
            match fs::read_to_string(&inc.file) {
                Err(e) => problems.push(format!(
                    "{}:{}: {} names a file that cannot be read: {shown} ({e})",
                    ch.name, inc.line, inc.directive
                )),
                Ok(text) => {
                    if let Some(anchor) = &inc.anchor
                        && !has_anchor(&text, anchor)
                    {
                        problems.push(format!(
                            "{}:{}: {} names anchor `{anchor}`, but {shown} has no \
                             `ANCHOR: {anchor}` ... `ANCHOR_END: {anchor}` pair \
                             (mdBook would silently show an empty block)",
                            ch.name, inc.line, inc.directive
                        ));
                    }
                }
            }
        }
    }
    problems
}

fn is_include_line(line: &str) -> bool {
    let l = line.trim();
    (l.starts_with("{{#include ") || l.starts_with("{{#rustdoc_include ")) && l.ends_with("}}")
}

fn code_is_included(root: &Path, chapters: &[Chapter]) -> Vec<String> {
    let mut problems = Vec::new();
    let cases = root.join("tests/compile-fail/cases");
    for ch in chapters {
        let lines: Vec<&str> = ch.text.lines().collect();
        let incs = includes(ch);
        for block in fenced_blocks(&ch.text) {
            let at = format!("{}:{}", ch.name, block.line);
            let body = block.lines();
            let kind = block.info().kind();
            if kind != BlockKind::Other && !(body.len() == 1 && is_include_line(body[0])) {
                problems.push(format!(
                    "{at}: a ```{} block with code written in the chapter; show code from a \
                     listing crate with one {{{{#rustdoc_include ...}}}} or {{{{#include ...}}}} line",
                    block.info
                ));
                continue;
            }
            if kind == BlockKind::CompileFail {
                let inc = incs
                    .iter()
                    .find(|i| i.line == block.line + 1 + block_offset(&block));
                let ok = inc.is_some_and(|i| {
                    i.file.starts_with(&cases) && i.file.extension().is_some_and(|e| e == "rs")
                });
                if !ok {
                    problems.push(format!(
                        "{at}: a `compile_fail` block must include a trybuild case from \
                         tests/compile-fail/cases/, which proves it fails to compile"
                    ));
                }
            }
            if kind == BlockKind::Ignored {
                let reason = lines[..block.line - 1]
                    .iter()
                    .rev()
                    .find(|l| !l.trim().is_empty())
                    .and_then(|l| l.trim().strip_prefix("<!-- ignore-reason:"))
                    .is_some_and(|r| r.trim_end_matches("-->").trim().len() > 3);
                if !reason {
                    problems.push(format!(
                        "{at}: an `ignore` block needs a written reason on the line before it: \
                         <!-- ignore-reason: why this block cannot be compiled and run -->"
                    ));
                }
            }
            if kind == BlockKind::Other
                && !block.code.lines().any(is_include_line)
                && block.code.contains("error[E")
            {
                problems.push(format!(
                    "{at}: compiler output pasted into the chapter; include the .stderr file \
                     that trybuild verifies instead"
                ));
            }
        }
    }
    problems
}

/// Lines between the fence and the first non-blank line of the body.
fn block_offset(block: &Block) -> usize {
    block
        .code
        .lines()
        .take_while(|l| l.trim().is_empty())
        .count()
}

fn everything_is_shown(root: &Path, chapters: &[Chapter]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut included: BTreeMap<PathBuf, Vec<&Chapter>> = BTreeMap::new();
    for ch in chapters {
        for inc in includes(ch) {
            included.entry(inc.file).or_default().push(ch);
        }
    }
    // Every listing crate is shown, and each chapter showing one tells the
    // reader how to run it.
    for chapter_dir in support::subdirectories(&root.join("listings")) {
        for listing in support::subdirectories(&chapter_dir) {
            let package = listing.file_name().unwrap().to_string_lossy().to_string();
            let shown_in: BTreeSet<&str> = included
                .iter()
                .filter(|(file, _)| {
                    file.starts_with(&listing) && file.extension().is_some_and(|e| e == "rs")
                })
                .flat_map(|(_, chs)| chs.iter().map(|c| c.name.as_str()))
                .collect();
            let rel = listing.strip_prefix(root).unwrap().display();
            if shown_in.is_empty() {
                problems.push(format!("{rel}: no chapter includes this listing's code"));
            }
            // A listing is run; an exercise's tests are.
            let command = if package.starts_with("exercise-") {
                format!("cargo test -p {package}")
            } else {
                format!("cargo run -p {package}")
            };
            for name in shown_in {
                let ch = chapters.iter().find(|c| c.name == name).unwrap();
                if !ch.text.contains(&command) {
                    problems.push(format!(
                        "{name}: shows {rel} but never tells the reader `{command}`"
                    ));
                }
            }
        }
    }
    // Every compile-fail case is shown with the error trybuild verified.
    for entry in fs::read_dir(root.join("tests/compile-fail/cases")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs" || e == "stderr")
            && !included.contains_key(&path)
        {
            problems.push(format!(
                "{}: this compile-fail file is not included by any chapter",
                path.strip_prefix(root).unwrap().display()
            ));
        }
    }
    problems
}

fn rendered_is_complete(_: &Path, _: &[Chapter]) -> Vec<String> {
    let rendered = match book::book() {
        Ok(r) => r,
        Err(e) => return vec![e.clone()],
    };
    let mut problems: Vec<String> = rendered
        .warnings
        .iter()
        .map(|w| format!("mdbook: {w}"))
        .collect();
    for chapter in &rendered.chapters {
        let (name, text) = (chapter.path.display(), &chapter.rendered);
        for (i, line) in text.lines().enumerate() {
            if line.contains("{{#include") || line.contains("{{#rustdoc_include") {
                problems.push(format!(
                    "rendered {name}:{}: the directive was not expanded: {}",
                    i + 1,
                    line.trim()
                ));
            }
        }
        for block in fenced_blocks(text) {
            if block.code.trim().is_empty() {
                problems.push(format!(
                    "rendered {name}:{}: empty ```{} block (an include whose anchor is misspelled \
                     renders as nothing)",
                    block.line, block.info
                ));
            }
            if block.code.contains("ANCHOR:") || block.code.contains("ANCHOR_END:") {
                problems.push(format!(
                    "rendered {name}:{}: ANCHOR comments are visible; include the file with an \
                     anchor (e.g. `:all`) so mdBook strips them",
                    block.line
                ));
            }
        }
    }
    problems
}

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

fn html_builds_cleanly(_: &Path, _: &[Chapter]) -> Vec<String> {
    match html() {
        Ok(warnings) => warnings.iter().map(|w| format!("mdbook: {w}")).collect(),
        Err(e) => vec![e.clone()],
    }
}

/// Every package (listing, exercise and check crate) is named after its folder,
/// so `cargo run -p NAME` / `cargo test -p NAME` and the path a reader browses
/// to agree.
fn package_names_match_folders(_: &Path, _: &[Chapter]) -> Vec<String> {
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

/// The minutes in a chapter's `*Teaching time: about NN minutes...*` line.
fn teaching_time(text: &str) -> Option<u32> {
    text.lines()
        .find_map(|l| l.trim().strip_prefix("*Teaching time: about "))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
}

/// The first `NN min` in a table row.
fn minutes_in(row: &str) -> Option<u32> {
    row.split('|').find_map(|cell| {
        let cell = cell.trim().trim_matches('*');
        cell.strip_suffix(" min")?.trim().parse().ok()
    })
}

/// Every chapter states its teaching time; the course outline's tables use
/// exactly those times, and each table's **Total** row adds up.
fn outline_matches(_: &Path, chapters: &[Chapter]) -> Vec<String> {
    const OUTLINE: &str = "src/course-outline.md";
    let mut problems = Vec::new();
    let mut times = BTreeMap::new();
    for ch in chapters {
        let file = ch.name.trim_start_matches("src/");
        if !file.starts_with("ch") {
            continue;
        }
        match teaching_time(&ch.text) {
            Some(t) => {
                times.insert(file.to_string(), t);
            }
            None => problems.push(format!(
                "{}: no `*Teaching time: about NN minutes ...*` line under the title",
                ch.name
            )),
        }
    }
    let Some(outline) = chapters.iter().find(|c| c.name == OUTLINE) else {
        problems.push(format!("{OUTLINE} is missing"));
        return problems;
    };
    let mut listed = BTreeSet::new();
    let mut table: Vec<&str> = Vec::new();
    let lines: Vec<&str> = outline.text.lines().chain([""]).collect();
    for (i, line) in lines.iter().enumerate() {
        if line.trim_start().starts_with('|') {
            table.push(line);
            continue;
        }
        if table.is_empty() {
            continue;
        }
        // A table just ended: check its rows against the chapters, and its total.
        let mut sum = 0;
        for row in &table {
            let Some(min) = minutes_in(row) else { continue };
            if row.contains("**Total**") {
                if min != sum {
                    problems.push(format!(
                        "{OUTLINE}:{i}: the table's Total says {min} min, but its rows add up to {sum} min"
                    ));
                }
                continue;
            }
            sum += min;
            if let Some(file) = row
                .split("](")
                .nth(1)
                .and_then(|rest| rest.split([')', '#']).next())
            {
                listed.insert(file.to_string());
                match times.get(file) {
                    Some(&t) if t != min => problems.push(format!(
                        "{OUTLINE}: {file} is planned for {min} min, but the chapter says {t} minutes"
                    )),
                    Some(_) => {}
                    None => problems.push(format!(
                        "{OUTLINE}: {file} has no teaching time (or is not a chapter)"
                    )),
                }
            }
        }
        table.clear();
    }
    for file in times.keys() {
        if !listed.contains(file) {
            problems.push(format!("{OUTLINE}: {file} is not in any plan"));
        }
    }
    problems
}

/// The book's SVG diagrams are shown as `<img>`, which cannot inherit the
/// theme's text colour: `currentColor` would be black on the dark themes. Each
/// needs a `<title>` for screen readers.
fn diagrams_are_accessible(root: &Path, _: &[Chapter]) -> Vec<String> {
    let mut problems = Vec::new();
    let dir = root.join("src/img");
    let Ok(entries) = fs::read_dir(&dir) else {
        return problems;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "svg") {
            continue;
        }
        let name = path.strip_prefix(root).unwrap().display().to_string();
        let text = fs::read_to_string(&path).unwrap();
        if text.contains("currentColor") {
            problems.push(format!(
                "{name}: uses currentColor, which is black inside an <img> on a dark theme; \
                 use a mid-tone colour that reads on both"
            ));
        }
        if !text.contains("<title") {
            problems.push(format!("{name}: has no <title> for screen readers"));
        }
        if !text.trim_start().starts_with("<svg") && !text.trim_start().starts_with("<?xml") {
            problems.push(format!("{name}: does not start with <svg or <?xml"));
        }
    }
    problems
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
