//! Facts the prose states that have a source of truth elsewhere:
//!
//! - versions are generated, not typed: `{{#since ITEM}}` (the local std
//!   docs), `{{#since-release WORDS}}` (the release notes),
//!   `{{#rust-version}}` (rust-toolchain.toml), `{{#crate-version NAME}}`
//!   (Cargo.lock), all in book-model's `versions`, and error codes come from
//!   `{{#error-code CASE}}` (the case's verified `.stderr`); [`typed_facts`]
//!   fails on one typed where a directive belongs;
//! - every link into doc.rust-lang.org/{std,core,alloc}/ names a page of the
//!   local std documentation and, with a `#fragment`, an id on that page;
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
// Facts typed instead of generated.

/// An error code the prose types (`E0277`) where `{{#error-code CASE}}`
/// generates it from the case's verified `.stderr`, or a version typed where
/// a directive generates it from its source
/// (`crate::versions` in book-model): a release after "Rust", "rustc",
/// "std", "since", "before", "until" or "in" (not a time: "in 1.5 s"), any version in a table's `Since` column,
/// and a version after the name of a crate Cargo.lock holds. Links to std's
/// source on GitHub keep the release they were read at (their line numbers
/// belong to it), so the version inside such a link is left alone.
pub fn typed_facts(chapters: &[Chapter], locked: &BTreeSet<String>) -> Vec<String> {
    static RELEASE: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)\b(?:rust|rustc|std|since|before|until|as of|in)\s+\**(1\.\d+(?:\.\d+)?)\b")
    });
    static CRATE: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"\b([a-z][a-z0-9_-]*[a-z0-9])(?:'s [a-z]+)?(?: \(version | v| |/)(\d+\.\d+(?:\.\d+)?)\b",
        )
    });
    static ERROR_CODE: LazyLock<Regex> = LazyLock::new(|| re(r"\bE0\d{3}\b"));
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
        typed.extend(ERROR_CODE.find_iter(&text).map(|m| {
            (
                m.start(),
                m.as_str().to_string(),
                "{{#error-code CASE}} (the code in that compile-fail case's .stderr)",
            )
        }));
        for (at, what, directive) in typed {
            if in_url(at) {
                continue;
            }
            let instead = if name.ends_with("README.md") {
                // mdBook does not render the README, so no directive runs there.
                "leave it out (the README is not rendered by mdBook, so it cannot generate \
                 it)"
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
    fn a_version_or_error_code_must_be_generated_not_typed() {
        let locked: BTreeSet<String> = ["flume".to_string(), "indicatif".to_string()].into();
        let ok = chapter(
            "src/ch07.md",
            "(stable since Rust {{#since Receiver::recv_timeout}}) waits.\n\n\
             What Rust {{#rust-version}} says; flume {{#crate-version flume}}.\n\n\
             [`list.rs`](https://github.com/rust-lang/rust/blob/1.95.0/library/std/src/sync/mpmc/list.rs#L45)\n\n\
             | Implementation | Since |\n| :-- | :-- |\n| `Sync for Sender<T>` | {{#since impl Sync for Sender}} |\n\n\
             flume 10.8 million a second; in 1.5 seconds; divan 0.1.21 is not locked.\n\n\
             Error {{#error-code 02_share_receiver}} says so.\n",
        );
        assert_eq!(typed_facts(&ok, &locked), Vec::<String>::new());
        let bad = chapter(
            "src/ch07.md",
            "(stable since Rust 1.12) waits.\n\n\
             What rustc 1.95.0 says; before 1.71, no. In std 1.95 it waits.\n\n\
             | Implementation | Since |\n| :-- | :-- |\n| `Sync for Sender<T>` | 1.72.0 |\n\n\
             flume 0.12 and indicatif's source (version 0.18.6).\n\nError E0277 says so.\n",
        );
        let p = typed_facts(&bad, &locked);
        for (line, what) in [
            (1, "`1.12`"),
            (3, "`1.95.0`"),
            (3, "`1.71`"),
            (3, "`1.95`"),
            (7, "`1.72.0`"),
            (9, "`flume 0.12`"),
            (9, "`indicatif 0.18.6`"),
            (11, "`E0277`"),
        ] {
            assert!(
                says(
                    &p,
                    &format!("src/ch07.md:{line}: types the version in {what}; write")
                ),
                "{line} {what}: {p:?}"
            );
        }
        assert_eq!(p.len(), 8, "{p:?}");
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
