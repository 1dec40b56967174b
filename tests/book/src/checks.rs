//! The checks of the book that still guard something once its facts are
//! generated: each reads the book's model (`book_model::Book`) and returns
//! its findings, empty when all is well, each naming the chapter and the line
//! an author wrote. `tests/book.rs` runs them on the book, and
//! `tests/fixtures.rs` on small broken books, so every message is proven.
//!
//! mdBook exits 0 when an include is missing (it leaves the directive as text)
//! and renders a misspelled anchor as an EMPTY code block, so these checks look
//! at the chapters and at the rendered markdown rather than trusting its status.

use book_model::blocks::{Block, Kind, fenced_blocks};
use book_model::course::Course;
use book_model::include::{Include, has_anchor, includes};
use book_model::listing::{CrateKind, Crates};
use book_model::{Book, Chapter};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// A check of the book: its findings.
pub type Check = fn(&Book) -> Vec<String>;

/// Every check that reads only the book (its sources, listings and cases).
pub const CHECKS: &[(&str, Check)] = &[
    ("includes_resolve", includes_resolve),
    ("code_is_included", code_is_included),
    ("everything_is_shown", everything_is_shown),
    ("rendered_is_complete", rendered_is_complete),
    ("chapter_numbers_match_files", chapter_numbers_match_files),
    ("references_resolve", references_resolve),
    ("course_covers_every_chapter", course_covers_every_chapter),
    ("diagrams_are_accessible", diagrams_are_accessible),
];

/// A folder's entries, sorted; none when it does not exist.
fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .map(|d| d.filter_map(|e| Some(e.ok()?.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// `src/chNN-x.md:LINE`, for a line of the chapter's expanded text.
fn at(ch: &Chapter, expanded_line: usize) -> String {
    format!("{}:{}", ch.source.display(), ch.source_line(expanded_line))
}

fn includes_of(book: &Book, ch: &Chapter) -> Vec<(Include, PathBuf)> {
    let dir = ch.dir(&book.root);
    includes(&ch.expanded)
        .into_iter()
        .map(|inc| {
            let file = inc.file(&dir);
            (inc, file)
        })
        .collect()
}

/// Every include names a file that exists, and an anchor that file has.
pub fn includes_resolve(book: &Book) -> Vec<String> {
    let mut problems = Vec::new();
    for ch in &book.chapters {
        for (inc, file) in includes_of(book, ch) {
            let name = shown(&book.root, &file);
            match fs::read_to_string(&file) {
                Err(e) => problems.push(format!(
                    "{}: {} names a file that cannot be read: {name} ({e})",
                    at(ch, inc.line),
                    inc.directive
                )),
                Ok(text) => {
                    if let Some(anchor) = &inc.anchor
                        && !has_anchor(&text, anchor)
                    {
                        problems.push(format!(
                            "{}: {} names anchor `{anchor}`, but {name} has no \
                             `ANCHOR: {anchor}` ... `ANCHOR_END: {anchor}` pair \
                             (mdBook would silently show an empty block)",
                            at(ch, inc.line),
                            inc.directive
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

/// Lines between the fence and the first non-blank line of the body.
fn block_offset(block: &Block) -> usize {
    block
        .code
        .lines()
        .take_while(|l| l.trim().is_empty())
        .count()
}

/// Code is never pasted into a chapter: every Rust block is one include of a
/// crate's file (which cargo builds and skeptic runs), a `compile_fail` block
/// includes a trybuild case, and compiler output is the `.stderr` trybuild
/// verified.
pub fn code_is_included(book: &Book) -> Vec<String> {
    let mut problems = Vec::new();
    let cases = book.root.join("tests/compile-fail/cases");
    for ch in &book.chapters {
        let lines: Vec<&str> = ch.expanded.lines().collect();
        let incs = includes_of(book, ch);
        for block in fenced_blocks(&ch.expanded) {
            // A quiz directive shows a quiz program and its checked outcome
            // from their files (crates/book-model/src/quiz.rs); the quizzes
            // test and trybuild check those.
            let source = ch.source_line(block.line);
            let from_quiz = ch
                .text
                .lines()
                .nth(source.wrapping_sub(1))
                .and_then(book_model::quiz::directive)
                .is_some();
            if from_quiz {
                continue;
            }
            let at = at(ch, block.line);
            let body = block.lines();
            let kind = block.info().kind();
            if kind != Kind::Other && !(body.len() == 1 && is_include_line(body[0])) {
                problems.push(format!(
                    "{at}: a ```{} block with code written in the chapter; show code from a \
                     listing crate with {{{{#listing ...}}}} or {{{{#listing-part ...}}}}",
                    block.info
                ));
                continue;
            }
            if kind == Kind::CompileFail {
                let inc = incs
                    .iter()
                    .find(|(i, _)| i.line == block.line + 1 + block_offset(&block));
                let ok = inc.is_some_and(|(_, file)| {
                    file.starts_with(&cases) && file.extension().is_some_and(|e| e == "rs")
                });
                if !ok {
                    problems.push(format!(
                        "{at}: a `compile_fail` block must include a trybuild case from \
                         tests/compile-fail/cases/ ({{{{#compile-fail CASE}}}}), which proves \
                         it fails to compile"
                    ));
                }
            }
            if kind == Kind::Ignored {
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
            if kind == Kind::Other
                && !block.code.lines().any(is_include_line)
                && block.code.contains("error[E")
            {
                problems.push(format!(
                    "{at}: compiler output pasted into the chapter; show the .stderr file \
                     that trybuild verifies with {{{{#compile-fail CASE}}}}"
                ));
            }
        }
    }
    problems
}

/// Every listing and exercise crate is shown, and each chapter showing one
/// tells the reader how to run it; every compile-fail case is shown with the
/// error trybuild verified.
pub fn everything_is_shown(book: &Book) -> Vec<String> {
    let mut problems = Vec::new();
    let mut included: BTreeMap<PathBuf, Vec<&Chapter>> = BTreeMap::new();
    for ch in &book.chapters {
        for (_, file) in includes_of(book, ch) {
            included.entry(file).or_default().push(ch);
        }
    }
    let crates = match Crates::load(&book.root) {
        Ok(c) => c,
        Err(e) => return vec![format!("{e:#}")],
    };
    for krate in crates.by_short.values() {
        let dir = book.root.join(&krate.dir);
        let shown_in: BTreeSet<&Path> = included
            .iter()
            .filter(|(file, _)| {
                file.starts_with(&dir) && file.extension().is_some_and(|e| e == "rs")
            })
            .flat_map(|(_, chs)| chs.iter().map(|c| c.source.as_path()))
            .collect();
        let rel = krate.dir.display();
        if shown_in.is_empty() {
            problems.push(format!(
                "{rel}: no chapter shows this crate (write {{{{#{} ...}}}} where it belongs)",
                match krate.kind {
                    CrateKind::Listing => "listing",
                    CrateKind::Exercise => "exercise",
                }
            ));
        }
        let command = match krate.kind {
            CrateKind::Exercise => format!("cargo test -p {}", krate.name),
            CrateKind::Listing => format!("cargo run -p {}", krate.name),
        };
        for source in shown_in {
            let ch = book.chapters.iter().find(|c| c.source == source).unwrap();
            if !ch.expanded.contains(&command) {
                problems.push(format!(
                    "{}: shows {rel} but never tells the reader `{command}` (its first \
                     {{{{#listing ...}}}} in the book carries the caption with that line)",
                    source.display()
                ));
            }
        }
    }
    // Every quiz program is shown, with its checked outcome, in its
    // chapter's quiz.
    match book_model::quiz::all(&book.root) {
        Err(e) => problems.push(e),
        Ok(programs) => {
            for program in programs {
                let prefix = format!("ch{}-", &program.id[..2]);
                let chapter = book
                    .chapters
                    .iter()
                    .find(|c| c.path.to_string_lossy().starts_with(&prefix));
                for kind in ["quiz-program", "quiz-outcome"] {
                    let directive_found = chapter.is_some_and(|c| {
                        c.text.lines().any(|l| {
                            book_model::quiz::directive(l)
                                .is_some_and(|d| d.kind == kind && d.id == program.id)
                        })
                    });
                    if !directive_found {
                        problems.push(format!(
                            "quiz program `{}` ({}) is not shown by a `{{{{#{kind} {}}}}}` line \
                             in src/{prefix}*.md",
                            program.id,
                            shown(&book.root, &program.source),
                            program.id
                        ));
                    }
                }
            }
        }
    }
    for path in entries(&book.root.join("tests/compile-fail/cases")) {
        // A quiz's case is shown by its directives: checked above.
        let quiz = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("quiz-"));
        if path.extension().is_some_and(|e| e == "rs" || e == "stderr")
            && !included.contains_key(&path)
            && !quiz
        {
            problems.push(format!(
                "{}: this compile-fail file is not shown by any chapter ({{{{#compile-fail {}}}}})",
                shown(&book.root, &path),
                path.file_stem().unwrap_or_default().to_string_lossy()
            ));
        }
    }
    problems
}

/// mdBook rendered every include and warned about nothing; no block came out
/// empty (a misspelled anchor) or with its ANCHOR comments showing.
pub fn rendered_is_complete(book: &Book) -> Vec<String> {
    let mut problems: Vec<String> = book
        .warnings
        .iter()
        .map(|w| format!("mdbook: {w}"))
        .collect();
    for ch in &book.chapters {
        let name = ch.source.display();
        for (i, line) in ch.rendered.lines().enumerate() {
            if line.contains("{{#include") || line.contains("{{#rustdoc_include") {
                problems.push(format!(
                    "rendered {name}:{}: the directive was not expanded: {}",
                    i + 1,
                    line.trim()
                ));
            }
        }
        for block in fenced_blocks(&ch.rendered) {
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

/// The chapter number a file name gives: `ch07-compiler-errors.md` -> 7.
pub fn file_number(file: &str) -> Option<u32> {
    let name = file.rsplit('/').next()?;
    let digits = name.strip_prefix("ch")?.get(..2)?;
    if name.as_bytes().get(4) != Some(&b'-') {
        return None;
    }
    digits.parse().ok()
}

/// mdBook's numbers (from SUMMARY.md), the chapter file names
/// (`src/chNN-*.md`) and the listing folders (`listings/chNN-*/`, crates
/// `listing-NN-*` and `exercise-NN-*`) agree, and every chapter file is in
/// the sidebar.
pub fn chapter_numbers_match_files(book: &Book) -> Vec<String> {
    const SUMMARY: &str = "src/SUMMARY.md";
    let mut problems = Vec::new();
    for ch in &book.chapters {
        let file = ch.path.display().to_string();
        let number = match ch.number.as_slice() {
            [n] => Some(*n),
            _ => None,
        };
        match (number, file_number(&file)) {
            (Some(n), Some(f)) if n != f => problems.push(format!(
                "{SUMMARY}: the sidebar numbers \"{}\" chapter {n}, but its file {file} says \
                 chapter {f} (and so do its listings and every \"Chapter {f}\" in the text)",
                ch.title
            )),
            (Some(n), None) => problems.push(format!(
                "{SUMMARY}: the sidebar numbers \"{}\" chapter {n}; name its file ch{n:02}-....md",
                ch.title
            )),
            (None, Some(f)) => problems.push(format!(
                "{SUMMARY}: \"{}\" is not numbered in the sidebar (a prefix, suffix or nested \
                 chapter), but its file {file} says chapter {f}",
                ch.title
            )),
            _ => {}
        }
    }
    let listed: BTreeSet<&Path> = book.chapters.iter().map(|c| c.path.as_path()).collect();
    for file in entries(&book.root.join("src")).iter().map(|p| name_of(p)) {
        if file.ends_with(".md")
            && file_number(&file).is_some()
            && !listed.contains(Path::new(&file))
        {
            problems.push(format!(
                "src/{file}: a chapter file that {SUMMARY} does not list"
            ));
        }
    }
    for dir in entries(&book.root.join("listings"))
        .iter()
        .filter(|p| p.is_dir())
    {
        let name = name_of(dir);
        let chapter = format!("{name}.md");
        if !listed.contains(Path::new(&chapter)) {
            problems.push(format!(
                "listings/{name}: no chapter src/{chapter} goes with this folder"
            ));
            continue;
        }
        let Some(n) = file_number(&chapter) else {
            continue;
        };
        for c in entries(dir).iter().map(|p| name_of(p)) {
            let ok = [
                format!("listing-{n:02}-"),
                format!("exercise-{n:02}-"),
                format!("quiz-{n:02}-"),
            ]
            .iter()
            .any(|p| c.starts_with(p.as_str()));
            if !ok {
                problems.push(format!(
                    "listings/{name}/{c}: crates of chapter {n} are named listing-{n:02}-MM-..., \
                     exercise-{n:02}-... or quiz-{n:02}-Q-..."
                ));
            }
        }
    }
    problems
}

/// The text with every fenced block's lines (fences included) blanked, so
/// offsets and line numbers stay those of the text.
pub fn prose_only(text: &str) -> String {
    let mut hidden = BTreeSet::new();
    for block in fenced_blocks(text) {
        for line in block.line..=block.line + block.code.lines().count() + 1 {
            hidden.insert(line);
        }
    }
    text.split('\n')
        .enumerate()
        .map(|(i, l)| if hidden.contains(&(i + 1)) { "" } else { l })
        .collect::<Vec<_>>()
        .join("\n")
}

/// "Listing 2-1", "Listings 2-1 and 2-3"; "Chapter 5", "Chapters 6 and 7".
static LISTING_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[Ll]istings?\s+(\d+-\d+(?:(?:,\s*|\s+and\s+|\s+or\s+|\s+to\s+|–)\d+-\d+)*)")
        .unwrap()
});
static CHAPTER_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[Cc]hapters?\s+(\d+(?:(?:,\s*|\s+and\s+|\s+or\s+|\s+to\s+|–)\d+)*)\b").unwrap()
});
static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+(?:-\d+)?").unwrap());
static CHAPTER_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[[Cc]hapter (\d+)\]\(([^)#\s]+\.md)[^)]*\)").unwrap());

/// Every "Listing N-M" and "Chapter N" in the prose points at a listing or a
/// chapter that exists with that number, and a link written "Chapter N" leads
/// to chapter N's file.
pub fn references_resolve(book: &Book) -> Vec<String> {
    let listings: BTreeSet<String> = match Crates::load(&book.root) {
        Ok(c) => c
            .by_short
            .values()
            .filter_map(|k| k.listing_id())
            .map(|id| format!("{}-{}", id.chapter, id.number))
            .collect(),
        Err(e) => return vec![format!("{e:#}")],
    };
    let numbered: BTreeMap<u32, String> = book
        .chapters
        .iter()
        .filter_map(|c| match c.number.as_slice() {
            [n] => Some((*n, c.path.display().to_string())),
            _ => None,
        })
        .collect();
    let mut problems = Vec::new();
    for ch in &book.chapters {
        let prose = prose_only(&ch.expanded);
        let line_at = |offset: usize| at(ch, prose[..offset].matches('\n').count() + 1);
        for c in LISTING_REF.captures_iter(&prose) {
            for num in NUMBER.find_iter(&c[1]) {
                let (n, m) = num.as_str().split_once('-').unwrap_or_default();
                let (n, m) = (n.parse::<u32>().unwrap_or(0), m.parse::<u32>().unwrap_or(0));
                if !listings.contains(&format!("{n}-{m}")) {
                    problems.push(format!(
                        "{}: \"Listing {}\" refers to a listing no crate has (there is no \
                         listings/*/listing-{n:02}-{m:02}-*)",
                        line_at(c.get(0).unwrap().start()),
                        num.as_str()
                    ));
                }
            }
        }
        for c in CHAPTER_REF.captures_iter(&prose) {
            for num in NUMBER.find_iter(&c[1]) {
                let n: u32 = num.as_str().parse().unwrap_or(0);
                if !numbered.contains_key(&n) {
                    problems.push(format!(
                        "{}: \"Chapter {n}\" refers to a chapter the sidebar does not number \
                         (it numbers 1 to {})",
                        line_at(c.get(0).unwrap().start()),
                        numbered.len()
                    ));
                }
            }
        }
        for c in CHAPTER_LINK.captures_iter(&prose) {
            let n: u32 = c[1].parse().unwrap_or(0);
            let file = c[2].rsplit('/').next().unwrap_or_default();
            let wrong = match numbered.get(&n) {
                Some(f) => f != file,
                None => file_number(file).is_some(),
            };
            if wrong {
                problems.push(format!(
                    "{}: the link says \"Chapter {n}\" but leads to {file}",
                    line_at(c.get(0).unwrap().start())
                ));
            }
        }
    }
    problems
}

/// Every numbered chapter shows its teaching time from `src/course.toml`, every
/// chapter there is in the book, and every chapter is in some workshop plan.
pub fn course_covers_every_chapter(book: &Book) -> Vec<String> {
    const COURSE: &str = "src/course.toml";
    let course = match Course::load(&book.root.join(COURSE), COURSE) {
        Ok(c) => c,
        Err(e) => return vec![e],
    };
    let mut problems = Vec::new();
    let mut planned = BTreeSet::new();
    for plan in course.plans.values() {
        for session in &plan.sessions {
            if let book_model::course::Session::Chapter(file) = session {
                planned.insert(file.clone());
            }
        }
    }
    for ch in &book.chapters {
        if ch.number.len() != 1 {
            continue;
        }
        let file = ch.path.display().to_string();
        if !ch.text.contains("{{#teaching-time}}") {
            problems.push(format!(
                "{}: no {{{{#teaching-time}}}} line under the title",
                ch.source.display()
            ));
        }
        if !course.chapters.contains_key(&file) {
            problems.push(format!("{COURSE}: no [chapters.\"{file}\"] entry"));
        } else if !planned.contains(&file) {
            problems.push(format!("{COURSE}: {file} is not in any plan"));
        }
    }
    for file in course.chapters.keys() {
        if !book.chapters.iter().any(|c| c.path == Path::new(file)) {
            problems.push(format!(
                "{COURSE}: [chapters.\"{file}\"] is not a chapter in SUMMARY.md"
            ));
        }
    }
    problems
}

/// The book's SVG diagrams are shown as `<img>`, which cannot inherit the
/// theme's text colour: `currentColor` would be black on the dark themes. Each
/// needs a `<title>` for screen readers.
pub fn diagrams_are_accessible(book: &Book) -> Vec<String> {
    let mut problems = Vec::new();
    for path in entries(&book.root.join("src/img")) {
        if path.extension().is_none_or(|e| e != "svg") {
            continue;
        }
        let name = shown(&book.root, &path);
        let Ok(text) = fs::read_to_string(&path) else {
            problems.push(format!("{name}: cannot be read"));
            continue;
        };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_numbers() {
        assert_eq!(file_number("ch07-compiler-errors.md"), Some(7));
        assert_eq!(file_number("course-outline.md"), None);
        assert_eq!(file_number("ch7-x.md"), None);
    }
}
