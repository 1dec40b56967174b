//! Facts the prose states that have a source of truth elsewhere:
//!
//! - versions are generated, not typed: `{{#since ITEM}}` (the local std
//!   docs), `{{#since-release WORDS}}` (the release notes),
//!   `{{#rust-version}}` (rust-toolchain.toml), `{{#crate-version NAME}}`
//!   (Cargo.lock), all in book-model's `versions`; [`typed_versions`] fails
//!   on a version typed where one of them belongs;
//! - every link into doc.rust-lang.org/{std,core,alloc}/ names a page of the
//!   local std documentation and, with a `#fragment`, an id on that page;
//! - every error code a section names (E0277, ...) is in a `.stderr` file
//!   that the same section shows;
//! - each chapter's title in `SUMMARY.md` is its `# ` heading.
//!
//! Links are checked here rather than by lychee's URL remapping: this runs
//! with only Rust (lychee is an external tool, left out of a plain
//! `cargo test`) and names the chapter's line, where lychee would name the
//! HTML.
//!
//! Each check is a plain function over the chapters' sources (includes not
//! expanded) and an explicit source of truth, so the unit tests below prove
//! each one failing on a small broken input.

use crate::checks::prose_only;
use crate::prose::Chapter;
pub use book_model::stddocs::Docs;
use book_model::stddocs::percent_decode;
use regex::Regex;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::LazyLock;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap()
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

// ---------------------------------------------------------------------------
// The local std documentation.

/// A link into the std docs: the page under `html/` and the decoded fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLink {
    pub url: String,
    pub page: String,
    pub fragment: Option<String>,
    pub offset: usize,
}

/// Every `https://doc.rust-lang.org/{std,core,alloc}/...` in a text.
pub fn doc_links(text: &str) -> Vec<DocLink> {
    static LINK: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"https?://doc\.rust-lang\.org/((?:stable/|1\.\d+\.\d+/)?)((?:std|core|alloc)(?:/[^\s)#>\]]*)?)(#[^\s)>\]]*)?",
        )
    });
    LINK.captures_iter(text)
        .map(|c| {
            let mut page = c[2].trim_end_matches(['.', ',']).to_string();
            if page.ends_with('/') || !page.contains('/') {
                page = format!("{}/index.html", page.trim_end_matches('/'));
            }
            DocLink {
                url: c[0].to_string(),
                page,
                fragment: c
                    .get(3)
                    .map(|f| percent_decode(&f.as_str()[1..]))
                    .filter(|f| !f.is_empty()),
                offset: c.get(0).unwrap().start(),
            }
        })
        .collect()
}

/// Every std/core/alloc doc link resolves to a local page and, with a
/// fragment, to an id on it.
pub fn std_links_resolve(chapters: &[Chapter], docs: &Docs) -> Vec<String> {
    let mut problems = Vec::new();
    for (name, text) in chapters {
        for link in doc_links(text) {
            let at = format!("{name}:{}", line_of(text, link.offset));
            match docs.page(&link.page) {
                None => problems.push(format!(
                    "{at}: {} links to {}, which the std documentation does not have \
                     (source of truth: {})",
                    link.url,
                    link.page,
                    docs.origin()
                )),
                Some(page) => {
                    if let Some(fragment) = &link.fragment
                        && !page.ids.contains(fragment)
                    {
                        problems.push(format!(
                            "{at}: {} links to #{fragment}, which is not an id on {} \
                             (source of truth: {})",
                            link.url,
                            link.page,
                            docs.origin()
                        ));
                    }
                }
            }
        }
    }
    problems
}

// ---------------------------------------------------------------------------
// Versions typed instead of generated.

/// A version the prose types where a directive generates it from its source
/// (`crate::versions` in book-model): a release after "Rust", "rustc",
/// "std", "since", "before", "until" or "in" (not a time: "in 1.5 s"), any version in a table's `Since` column,
/// and a version after the name of a crate Cargo.lock holds. Links to std's
/// source on GitHub keep the release they were read at (their line numbers
/// belong to it), so the version inside such a link is left alone.
pub fn typed_versions(chapters: &[Chapter], locked: &BTreeSet<String>) -> Vec<String> {
    static RELEASE: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)\b(?:rust|rustc|std|since|before|until|as of|in)\s+\**(1\.\d+(?:\.\d+)?)\b")
    });
    static CRATE: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"\b([a-z][a-z0-9_-]*[a-z0-9])(?:'s [a-z]+)?(?: \(version | v| |/)(\d+\.\d+(?:\.\d+)?)\b",
        )
    });
    static SOURCE_LINK: LazyLock<Regex> =
        LazyLock::new(|| re(r"https://github\.com/rust-lang/rust/blob/[^\s)>\]]+"));
    let mut problems = Vec::new();
    for (name, source) in chapters {
        let text = prose_only(source);
        let urls: Vec<_> = SOURCE_LINK.find_iter(&text).map(|m| m.range()).collect();
        let in_url = |at: usize| urls.iter().any(|r| r.contains(&at));
        let mut typed: Vec<(usize, String, &str)> = RELEASE
            .captures_iter(&text)
            .map(|c| c.get(1).unwrap())
            // "in 1.5 seconds" is a time, not a release.
            .filter(|v| {
                let after = text[v.end()..].trim_start();
                ![
                    "s ", "s)", "s,", "s.", "ms", "µs", "ns", "second", "minute", "%", "\u{d7}",
                    "million",
                ]
                .iter()
                .any(|unit| after.starts_with(unit))
            })
            .map(|v| {
                (
                    v.start(),
                    v.as_str().to_string(),
                    "{{#since ITEM}}, {{#since-release WORDS}} or {{#rust-version}}",
                )
            })
            .collect();
        typed.extend(since_column(&text).into_iter().filter_map(|(_, at, cell)| {
            (!cell.contains("{{#") && cell.chars().any(|c| c.is_ascii_digit()))
                .then(|| (at, cell.trim().to_string(), "{{#since ITEM}}"))
        }));
        typed.extend(CRATE.captures_iter(&text).filter_map(|c| {
            let after = &text[c.get(0).unwrap().end()..];
            // "flume 10.8 million" is a figure, not a version.
            let figure = [" million", " ms", "\u{d7}", "%", " M"]
                .iter()
                .any(|u| after.starts_with(u));
            (locked.contains(&c[1]) && !figure).then(|| {
                (
                    c.get(2).unwrap().start(),
                    format!("{} {}", &c[1], &c[2]),
                    "{{#crate-version NAME}}",
                )
            })
        }));
        for (at, what, directive) in typed {
            if in_url(at) {
                continue;
            }
            let instead = if name.ends_with("README.md") {
                // mdBook does not render the README, so no directive runs there.
                "leave the version out (the README is not rendered by mdBook, so it cannot \
                 generate one)"
                    .to_string()
            } else {
                format!(
                    "write {directive} instead, which generates it from its source (see \
                     crates/book-model/src/versions.rs)"
                )
            };
            problems.push(format!(
                "{name}:{}: types the version in `{what}`; {instead}",
                line_of(&text, at)
            ));
        }
    }
    problems
}

/// The cells under a table's `Since` column: (row offset, cell offset, cell).
fn since_column(text: &str) -> Vec<(usize, usize, String)> {
    let mut found = Vec::new();
    let mut column: Option<usize> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.starts_with('|') {
            column = None;
        } else if column.is_none() {
            column = trimmed
                .split('|')
                .position(|c| c.trim().eq_ignore_ascii_case("since"));
        } else if let Some(col) = column
            && !trimmed.starts_with("| :--")
            && !trimmed.starts_with("|--")
            && !trimmed.starts_with("| --")
        {
            let lead = line.len() - line.trim_start().len();
            let mut at = offset + lead;
            for (i, cell) in trimmed.split('|').enumerate() {
                if i == col {
                    found.push((offset, at, cell.to_string()));
                }
                at += cell.len() + 1;
            }
        }
        offset += line.len();
    }
    found
}

// ---------------------------------------------------------------------------
// Error codes.

/// The error codes (`E0277`) in a compiler's output.
pub fn codes_in_stderr(stderr: &str) -> BTreeSet<String> {
    static CODE: LazyLock<Regex> = LazyLock::new(|| re(r"error\[(E\d{4})\]"));
    CODE.captures_iter(stderr)
        .map(|c| c[1].to_string())
        .collect()
}

/// Every error code a section names is in a `.stderr` that section shows,
/// either included (`{{#include ../tests/compile-fail/cases/X.stderr}}`) or
/// through a directive (`{{#compile-fail X}}`, or `{{#quiz-outcome ID}}` of a
/// compile-fail quiz: `stderr_of(directive, argument)` gives its `.stderr`,
/// relative to the root). Reads the chapters as written. Speaker
/// notes talk about the whole chapter: a code there must be in a `.stderr`
/// the chapter shows. `read` gives a file's text by path relative to the root.
pub fn error_codes_shown(
    chapters: &[Chapter],
    read: &dyn Fn(&str) -> Option<String>,
    stderr_of: &dyn Fn(&str, &str) -> Option<String>,
) -> Vec<String> {
    static CODE: LazyLock<Regex> = LazyLock::new(|| re(r"\bE0\d{3}\b"));
    static INCLUDE: LazyLock<Regex> =
        LazyLock::new(|| re(r"\{\{#(?:include|rustdoc_include)\s+([^}:\s]+\.stderr)[^}]*\}\}"));
    static SHOWN: LazyLock<Regex> =
        LazyLock::new(|| re(r"\{\{#(quiz-outcome|compile-fail)\s+([^}\s]+)\s*\}\}"));
    let mut problems = Vec::new();
    for (name, text) in chapters {
        let dir = Path::new(name).parent().unwrap_or(Path::new(""));
        let lines: Vec<&str> = text.split('\n').collect();
        // The same lines with fenced blocks blanked: headings and prose.
        let prose = prose_only(text);
        let prose: Vec<&str> = prose.split('\n').collect();
        // Sections: from one heading to the next (headings outside blocks).
        let mut bounds: Vec<usize> = prose
            .iter()
            .enumerate()
            .filter(|(i, l)| *i > 0 && l.starts_with('#'))
            .map(|(i, _)| i)
            .collect();
        bounds.insert(0, 0);
        bounds.push(lines.len());
        let shown_in = |range: std::ops::Range<usize>| -> (BTreeSet<String>, Vec<String>) {
            let mut codes = BTreeSet::new();
            let mut files = Vec::new();
            for line in &lines[range] {
                let quiz = SHOWN
                    .captures_iter(line)
                    .filter_map(|c| stderr_of(&c[1], &c[2]));
                let included = INCLUDE
                    .captures_iter(line)
                    .map(|c| support::normalise(&dir.join(&c[1])).display().to_string());
                for file in included.chain(quiz) {
                    codes.extend(read(&file).map(|t| codes_in_stderr(&t)).unwrap_or_default());
                    files.push(file);
                }
            }
            (codes, files)
        };
        let (chapter_codes, _) = shown_in(0..lines.len());
        let notes = speaker_notes(&prose);
        for w in bounds.windows(2) {
            let (codes, files) = shown_in(w[0]..w[1]);
            for (i, line) in prose.iter().enumerate().take(w[1]).skip(w[0]) {
                for m in CODE.find_iter(line) {
                    let code = m.as_str();
                    let in_notes = notes.iter().any(|r| r.contains(&i));
                    let (shown_codes, shown) = if in_notes {
                        (&chapter_codes, "this chapter".to_string())
                    } else {
                        (&codes, files.join(", "))
                    };
                    if shown_codes.contains(code) {
                        continue;
                    }
                    let line = i + 1;
                    problems.push(if shown.is_empty() {
                        format!(
                            "{name}:{line}: names error {code}, but its section shows no compiler \
                             output; show the `.stderr` that trybuild checks (a case in \
                             tests/compile-fail/cases/) in the same section"
                        )
                    } else {
                        format!(
                            "{name}:{line}: names error {code}, but the compiler output shown in \
                             {} has {} (source of truth: {shown}, checked by trybuild)",
                            if in_notes {
                                "the chapter"
                            } else {
                                "its section"
                            },
                            if shown_codes.is_empty() {
                                "no error code".to_string()
                            } else {
                                shown_codes.iter().cloned().collect::<Vec<_>>().join(", ")
                            }
                        )
                    });
                }
            }
        }
    }
    problems
}

/// The line indices (0-based) of `<details>` blocks whose summary is
/// "Speaker notes".
fn speaker_notes(lines: &[&str]) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = None;
    for (i, line) in lines.iter().enumerate() {
        if line.contains("<summary>Speaker notes</summary>") {
            start = Some(i);
        } else if let Some(s) = start
            && line.contains("</details>")
        {
            ranges.push(s..i + 1);
            start = None;
        }
    }
    if let Some(s) = start {
        ranges.push(s..lines.len());
    }
    ranges
}

// ---------------------------------------------------------------------------
// Titles.

/// Each chapter's title in `SUMMARY.md` (what the sidebar shows, and what
/// mdBook's loader gives as its name) is its `# ` heading (what the page
/// shows). Takes (source, sidebar title, text as written).
pub fn titles_match(chapters: &[(String, String, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    for (file, title, text) in chapters {
        let heading = prose_only(text)
            .lines()
            .enumerate()
            .find_map(|(i, l)| l.strip_prefix("# ").map(|h| (i + 1, h.trim().to_string())));
        match heading {
            None => problems.push(format!(
                "{file}: has no `# ` heading; src/SUMMARY.md titles it \"{title}\""
            )),
            Some((line, heading)) if heading != *title => problems.push(format!(
                "{file}:{line}: the heading is \"{heading}\", but src/SUMMARY.md titles the \
                 chapter \"{title}\" (the sidebar and the page must agree)"
            )),
            Some(_) => {}
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chapter(name: &str, text: &str) -> Vec<Chapter> {
        vec![(name.to_string(), text.to_string())]
    }

    fn says(problems: &[String], text: &str) -> bool {
        problems.iter().any(|p| p.contains(text))
    }

    const RECEIVER_PAGE: &str = r#"<div class="main-heading"><h1>Struct <span>Receiver</span></h1><rustdoc-toolbar></rustdoc-toolbar><span class="sub-heading"><span class="since" title="Stable since Rust version 1.0.0">1.0.0</span></span></div>
<section id="method.recv" class="method"><span class="rightside"><span class="since" title="Stable since Rust version 1.0.0">1.0.0</span></span></section>
<section id="method.recv_timeout" class="method"><span class="rightside"><span class="since" title="Stable since Rust version 1.12.0">1.12.0</span></span></section>
<section id="impl-Sync-for-Receiver%3CT%3E" class="impl"><span class="rightside"><span class="since" title="Stable since Rust version 1.0.0">1.0.0</span></span></section>"#;

    const SENDER_PAGE: &str = r#"<div class="main-heading"><span class="since" title="Stable since Rust version 1.0.0">1.0.0</span></div>
<section id="impl-Sync-for-Sender%3CT%3E" class="impl"><span class="rightside"><span class="since" title="Stable since Rust version 1.72.0">1.72.0</span></span></section>
<section id="impl-Clone-for-Sender%3CT%3E" class="impl"><span class="rightside"><span class="since" title="Stable since Rust version 1.0.0">1.0.0</span></span></section>"#;

    fn docs() -> Docs {
        Docs::from_pages(&[
            ("std/sync/mpsc/struct.Receiver.html", RECEIVER_PAGE),
            ("std/sync/mpsc/struct.Sender.html", SENDER_PAGE),
            ("std/index.html", "<div id=\"main\"></div>"),
            (
                "releases.md",
                "Version 1.68.0 (2023-03-09)\n\n- other\n\nVersion 1.67.0 (2023-01-26)\n\n\
                 - [Merge `crossbeam-channel` into `std::sync::mpsc`.](x)\n",
            ),
        ])
    }

    #[test]
    fn pages_give_ids_and_since() {
        let page = book_model::stddocs::DocPage::parse(RECEIVER_PAGE);
        assert_eq!(page.since.as_deref(), Some("1.0.0"));
        assert_eq!(page.item_since["method.recv_timeout"], "1.12.0");
        assert!(page.ids.contains("impl-Sync-for-Receiver<T>"));
    }

    #[test]
    fn a_std_link_must_resolve_with_its_fragment() {
        let docs = docs();
        let ok = chapter(
            "src/ch04.md",
            "[a](https://doc.rust-lang.org/std/sync/mpsc/struct.Receiver.html#method.recv) \
             [b](https://doc.rust-lang.org/std/sync/mpsc/struct.Receiver.html#impl-Sync-for-Receiver%3CT%3E) \
             [c](https://doc.rust-lang.org/std/)",
        );
        assert_eq!(std_links_resolve(&ok, &docs), Vec::<String>::new());
        let bad = chapter(
            "src/ch04.md",
            "[a](https://doc.rust-lang.org/std/sync/mpsc/fn.chanel.html)\n\
             [b](https://doc.rust-lang.org/std/sync/mpsc/struct.Receiver.html#method.recieve)",
        );
        let p = std_links_resolve(&bad, &docs);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].starts_with("src/ch04.md:1: https://doc.rust-lang.org/std/sync/mpsc/fn.chanel.html links to std/sync/mpsc/fn.chanel.html, which the std documentation does not have"), "{p:?}");
        assert!(
            p[1].starts_with("src/ch04.md:2: ")
                && p[1].contains("#method.recieve, which is not an id"),
            "{p:?}"
        );
    }

    #[test]
    fn a_version_must_be_generated_not_typed() {
        let locked: BTreeSet<String> = ["flume".to_string(), "indicatif".to_string()].into();
        let ok = chapter(
            "src/ch07.md",
            "(stable since Rust {{#since Receiver::recv_timeout}}) waits.\n\n\
             What Rust {{#rust-version}} says; flume {{#crate-version flume}}.\n\n\
             [`list.rs`](https://github.com/rust-lang/rust/blob/1.95.0/library/std/src/sync/mpmc/list.rs#L45)\n\n\
             | Implementation | Since |\n| :-- | :-- |\n| `Sync for Sender<T>` | {{#since impl Sync for Sender}} |\n\n\
             flume 10.8 million a second; in 1.5 seconds; divan 0.1.21 is not locked.\n",
        );
        assert_eq!(typed_versions(&ok, &locked), Vec::<String>::new());
        let bad = chapter(
            "src/ch07.md",
            "(stable since Rust 1.12) waits.\n\n\
             What rustc 1.95.0 says; before 1.71, no. In std 1.95 it waits.\n\n\
             | Implementation | Since |\n| :-- | :-- |\n| `Sync for Sender<T>` | 1.72.0 |\n\n\
             flume 0.12 and indicatif's source (version 0.18.6).\n",
        );
        let p = typed_versions(&bad, &locked);
        for (line, what) in [
            (1, "`1.12`"),
            (3, "`1.95.0`"),
            (3, "`1.71`"),
            (3, "`1.95`"),
            (7, "`1.72.0`"),
            (9, "`flume 0.12`"),
            (9, "`indicatif 0.18.6`"),
        ] {
            assert!(
                says(
                    &p,
                    &format!("src/ch07.md:{line}: types the version in {what}; write")
                ),
                "{line} {what}: {p:?}"
            );
        }
        assert_eq!(p.len(), 7, "{p:?}");
    }

    #[test]
    fn an_error_code_must_be_in_the_sections_stderr() {
        let files: std::collections::BTreeMap<&str, &str> = [
            (
                "tests/compile-fail/cases/a.stderr",
                "error[E0277]: `Receiver<String>` cannot be shared",
            ),
            (
                "tests/compile-fail/cases/quiz-02-1-x.stderr",
                "error[E0382]: borrow of moved value",
            ),
        ]
        .into();
        let read = |p: &str| files.get(p).map(|t| t.to_string());
        let stderr_of = |kind: &str, id: &str| match kind {
            "quiz-outcome" => Some(format!("tests/compile-fail/cases/quiz-{id}.stderr")),
            _ => Some(format!("tests/compile-fail/cases/{id}.stderr")),
        };
        let ok = chapter(
            "src/ch07.md",
            "# T\n\n## A\n\n```text\n{{#include ../tests/compile-fail/cases/a.stderr}}\n```\n\nError E0277 says.\n\n\
             ## Quiz\n\n{{#quiz-outcome 02-1-x}}, error E0382.\n\n<details>\n<summary>Speaker notes</summary>\n\nShow E0277.\n</details>\n",
        );
        assert_eq!(
            error_codes_shown(&ok, &read, &stderr_of),
            Vec::<String>::new()
        );
        let bad = chapter(
            "src/ch07.md",
            "# T\n\n## A\n\n```text\n{{#include ../tests/compile-fail/cases/a.stderr}}\n```\n\nError E0599 says.\n\n\
             ## B\n\nError E0277 here too.\n\n<details>\n<summary>Speaker notes</summary>\n\nShow E0004.\n</details>\n",
        );
        let p = error_codes_shown(&bad, &read, &stderr_of);
        assert_eq!(
            p,
            [
                "src/ch07.md:9: names error E0599, but the compiler output shown in its section has \
                 E0277 (source of truth: tests/compile-fail/cases/a.stderr, checked by trybuild)",
                "src/ch07.md:13: names error E0277, but its section shows no compiler output; show \
                 the `.stderr` that trybuild checks (a case in tests/compile-fail/cases/) in the same section",
                "src/ch07.md:18: names error E0004, but the compiler output shown in the chapter has \
                 E0277 (source of truth: this chapter, checked by trybuild)",
            ]
        );
    }

    #[test]
    fn a_sidebar_title_must_be_the_heading() {
        let book = |heading: &str| {
            vec![(
                "src/ch02-first-channel.md".to_string(),
                "A First Channel".to_string(),
                format!("{heading}\n\nText.\n"),
            )]
        };
        assert_eq!(
            titles_match(&book("# A First Channel")),
            Vec::<String>::new()
        );
        assert_eq!(
            titles_match(&book("# The First Channel")),
            [
                "src/ch02-first-channel.md:1: the heading is \"The First Channel\", but \
              src/SUMMARY.md titles the chapter \"A First Channel\" (the sidebar and the page must agree)"
            ]
        );
        assert_eq!(
            titles_match(&book("Text only")),
            [
                "src/ch02-first-channel.md: has no `# ` heading; src/SUMMARY.md titles it \"A First Channel\""
            ]
        );
    }
}
