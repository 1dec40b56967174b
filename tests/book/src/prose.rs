//! Checks of the book's words: what the prose points at must exist and agree.
//!
//! - the sidebar's chapter numbers (`src/SUMMARY.md`, numbered the way mdBook
//!   numbers it), the chapter file names (`src/chNN-*.md`) and the listing
//!   directories (`listings/chNN-*/listing-NN-MM-*`) agree;
//! - every "Listing N-M" and "Chapter N" reference points at a listing or a
//!   chapter that exists with that number, and a link written "Chapter N"
//!   leads to chapter N;
//! - every `cargo run -p NAME` (or `test`, `bench`, ...) names a package of
//!   the workspace, as `cargo metadata` lists them;
//! - chapter 20 types no benchmark figure: every one is included from the
//!   fragments the benchmark's report generates.
//!
//! Every check reads the chapters' sources, includes unexpanded (the include
//! directive names the file), and returns its findings, empty when all is
//! well. Each is a plain function so that any harness can run it.

use book_model::blocks::fenced_blocks;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::sync::LazyLock;

/// A chapter source: its path relative to the root (`src/ch02-first-channel.md`)
/// and its text.
pub type Chapter = (String, String);

const SUMMARY: &str = "src/SUMMARY.md";

/// The chapters whose benchmark figures must all come from generated fragments.
pub const BENCH_CHAPTERS: &[&str] = &["src/ch20-choosing-a-channel.md"];

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap()
}

/// The chapter number a file name gives: `ch07-compiler-errors.md` -> 7.
fn file_number(file: &str) -> Option<u32> {
    let name = file.rsplit('/').next()?;
    let digits = name.strip_prefix("ch")?.get(..2)?;
    if name.as_bytes().get(4) != Some(&b'-') {
        return None;
    }
    digits.parse().ok()
}

/// The chapter number of a chapter source (`src/chNN-*.md`, not a fragment
/// under `src/data/`).
fn chapter_number(name: &str) -> Option<u32> {
    let file = name.strip_prefix("src/")?;
    if file.contains('/') {
        return None;
    }
    file_number(file)
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

/// The text with every fenced block's lines (fences included) blanked, so
/// offsets and line numbers stay those of the source.
fn prose_only(text: &str) -> String {
    let mut hidden = BTreeSet::new();
    for block in fenced_blocks(text) {
        // The opening fence, the body and the closing fence.
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

/// The workspace's packages (from `cargo metadata`, via support): name ->
/// directory relative to `root`.
pub fn packages(root: &Path) -> Result<BTreeMap<String, String>, String> {
    let root = support::normalise(&fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()));
    Ok(support::packages()
        .values()
        .map(|p| {
            let rel = p.dir.strip_prefix(&root).unwrap_or(&p.dir);
            (p.name.clone(), rel.display().to_string())
        })
        .collect())
}

/// One entry of the sidebar.
#[derive(Debug)]
pub struct SidebarEntry {
    /// mdBook's number for a numbered top-level chapter; `None` for prefix,
    /// suffix and nested chapters.
    pub number: Option<u32>,
    pub title: String,
    /// The file, relative to `src/`.
    pub file: String,
    pub line: usize,
}

/// Reads `SUMMARY.md` the way mdBook numbers it: links before the first list
/// item are unnumbered prefix chapters; top-level list items are numbered
/// 1, 2, 3... across part titles; links after the list are suffix chapters.
pub fn sidebar(summary: &str) -> Vec<SidebarEntry> {
    static LINK: LazyLock<Regex> = LazyLock::new(|| re(r"^\[([^\]]*)\]\(([^)]*)\)\s*$"));
    let mut entries = Vec::new();
    let mut number = 0;
    for (i, line) in summary.lines().enumerate() {
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        let (item, rest) = match trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
        {
            Some(rest) => (true, rest.trim()),
            None => (false, trimmed),
        };
        let Some(c) = LINK.captures(rest) else {
            continue;
        };
        let numbered = item && indent == 0;
        if numbered {
            number += 1;
        }
        entries.push(SidebarEntry {
            number: numbered.then_some(number),
            title: c[1].to_string(),
            file: c[2].to_string(),
            line: i + 1,
        });
    }
    entries
}

fn find<'a>(chapters: &'a [Chapter], name: &str) -> Option<&'a str> {
    chapters
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, t)| t.as_str())
}

/// The sidebar's numbers, the chapter file names and the listing directories
/// agree, and every chapter file is in the sidebar.
pub fn sidebar_matches_files(root: &Path, chapters: &[Chapter]) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(summary) = find(chapters, SUMMARY) else {
        return vec![format!("{SUMMARY} is missing")];
    };
    let entries = sidebar(summary);
    for e in &entries {
        let at = format!("{SUMMARY}:{}", e.line);
        match (e.number, file_number(&e.file)) {
            (Some(n), Some(f)) if n != f => problems.push(format!(
                "{at}: the sidebar numbers \"{}\" chapter {n}, but its file {} says chapter {f} \
                 (and so do its listings and every \"Chapter {f}\" in the text)",
                e.title, e.file
            )),
            (Some(n), None) => problems.push(format!(
                "{at}: the sidebar numbers \"{}\" chapter {n}; name its file ch{n:02}-....md",
                e.title
            )),
            (None, Some(f)) => problems.push(format!(
                "{at}: \"{}\" is unnumbered in the sidebar (a prefix, suffix or nested chapter), \
                 but its file {} says chapter {f}",
                e.title, e.file
            )),
            _ => {}
        }
    }
    let listed: BTreeSet<&str> = entries.iter().map(|e| e.file.as_str()).collect();
    for (name, _) in chapters {
        if chapter_number(name).is_some() && !listed.contains(name.trim_start_matches("src/")) {
            problems.push(format!(
                "{name}: a chapter file that {SUMMARY} does not list"
            ));
        }
    }
    // listings/chNN-topic/ belongs to src/chNN-topic.md, and its crates are
    // numbered NN.
    for dir in support::subdirectories(&root.join("listings")) {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let chapter = format!("src/{name}.md");
        if find(chapters, &chapter).is_none() {
            problems.push(format!(
                "listings/{name}: no chapter file {chapter} goes with this directory"
            ));
            continue;
        }
        let Some(n) = chapter_number(&chapter) else {
            continue;
        };
        let mut crates: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        crates.sort();
        for c in crates {
            let ok = [format!("listing-{n:02}-"), format!("exercise-{n:02}-")]
                .iter()
                .any(|p| c.starts_with(p.as_str()));
            if !ok {
                problems.push(format!(
                    "listings/{name}/{c}: crates of chapter {n} are named listing-{n:02}-MM-... \
                     or exercise-{n:02}-..."
                ));
            }
        }
    }
    problems
}

/// The caption of a listing: `<span class="caption">Listing N-M: ...` or
/// `Listing N-M, continued: ...`, up to `</span>`.
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"(?s)<span class="caption">Listing (\d+)-(\d+)(, continued)?:(.*?)</span>"#)
});

static CARGO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"cargo\s+(?:run|test|bench|build|check|clippy|doc)\b[^\n`]*?\s(?:-p|--package)[\s=]+([A-Za-z0-9_-]+)",
    )
});

/// Every "Listing N-M" and "Chapter N" in the prose points at a listing or a
/// chapter that exists with that number, and a link written "Chapter N" leads
/// to chapter N's file.
pub fn references_resolve(_root: &Path, chapters: &[Chapter]) -> Vec<String> {
    // "Listing 2-1", "Listings 2-1 and 2-3"; "Chapter 5", "Chapters 6 and 7".
    static LISTING_REF: LazyLock<Regex> = LazyLock::new(|| {
        re(r"\b[Ll]istings?\s+(\d+-\d+(?:(?:,\s*|\s+and\s+|\s+or\s+|\s+to\s+|–)\d+-\d+)*)")
    });
    static CHAPTER_REF: LazyLock<Regex> = LazyLock::new(|| {
        re(r"\b[Cc]hapters?\s+(\d+(?:(?:,\s*|\s+and\s+|\s+or\s+|\s+to\s+|–)\d+)*)\b")
    });
    static NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"\d+(?:-\d+)?"));
    static CHAPTER_LINK: LazyLock<Regex> =
        LazyLock::new(|| re(r"\[([^\]]*)\]\(([^)#\s]+\.md)[^)]*\)"));
    let mut problems = Vec::new();
    let Some(summary) = find(chapters, SUMMARY) else {
        return vec![format!("{SUMMARY} is missing")];
    };
    let numbered: BTreeMap<u32, String> = sidebar(summary)
        .into_iter()
        .filter_map(|e| Some((e.number?, e.file)))
        .collect();
    let listings: BTreeSet<(u32, u32)> = chapters
        .iter()
        .flat_map(|(_, text)| CAPTION.captures_iter(text).collect::<Vec<_>>())
        .filter(|c| c.get(3).is_none())
        .map(|c| (c[1].parse().unwrap(), c[2].parse().unwrap()))
        .collect();
    for (name, text) in chapters {
        if name == SUMMARY {
            continue;
        }
        let prose = prose_only(text);
        for c in LISTING_REF.captures_iter(&prose) {
            let at = format!("{name}:{}", line_of(&prose, c.get(0).unwrap().start()));
            for num in NUMBER.find_iter(&c[1]) {
                let (n, m) = num.as_str().split_once('-').unwrap();
                let key = (n.parse().unwrap(), m.parse().unwrap());
                if !listings.contains(&key) {
                    problems.push(format!(
                        "{at}: \"Listing {}\" refers to a listing that no caption defines",
                        num.as_str()
                    ));
                }
            }
        }
        for c in CHAPTER_REF.captures_iter(&prose) {
            let at = format!("{name}:{}", line_of(&prose, c.get(0).unwrap().start()));
            for num in NUMBER.find_iter(&c[1]) {
                let n: u32 = num.as_str().parse().unwrap();
                if !numbered.contains_key(&n) {
                    problems.push(format!(
                        "{at}: \"Chapter {n}\" refers to a chapter the sidebar does not number \
                         (it numbers 1 to {})",
                        numbered.len()
                    ));
                }
            }
        }
        for c in CHAPTER_LINK.captures_iter(&prose) {
            let Some(said) = CHAPTER_REF.captures(&c[1]) else {
                continue;
            };
            let Ok(n) = said[1].parse::<u32>() else {
                continue;
            };
            let target = c[2].rsplit('/').next().unwrap();
            if numbered.get(&n).is_some_and(|f| f != target)
                || (!numbered.contains_key(&n) && file_number(target).is_some())
            {
                problems.push(format!(
                    "{name}:{}: the link says \"Chapter {n}\" but leads to {target}",
                    line_of(&prose, c.get(0).unwrap().start())
                ));
            }
        }
    }
    problems
}

/// Every `cargo run -p NAME` (or `test`, `bench`, `build`, ...) names a
/// package of the workspace.
pub fn cargo_commands_name_packages(root: &Path, chapters: &[Chapter]) -> Vec<String> {
    let packages = match packages(root) {
        Ok(p) => p,
        Err(e) => return vec![e],
    };
    let mut problems = Vec::new();
    for (name, text) in chapters {
        for c in CARGO.captures_iter(text) {
            // Every package here is named in lower case, so a name with
            // capitals is a placeholder the reader fills in (`NAME`,
            // `listing-NN-MM-what`), not a package to look up.
            if c[1].chars().any(|ch| ch.is_ascii_uppercase()) {
                continue;
            }
            if !packages.contains_key(&c[1]) {
                problems.push(format!(
                    "{name}:{}: `{}` names no package of the workspace (`cargo metadata` \
                     lists {} packages)",
                    line_of(text, c.get(0).unwrap().start()),
                    c[0].split_whitespace().collect::<Vec<_>>().join(" "),
                    packages.len()
                ));
            }
        }
    }
    problems
}

/// A benchmark figure typed into the prose: a ratio (`1.15×`, `1/28`, `3x`),
/// a rate or count with its unit (`37.8 million`, `17 nanoseconds`, `25%`,
/// `5,000 messages`), a range of samples (`36.2–39.2`), or the same in words
/// (`seven and a half times`, `a thirtieth`, `thousands of times`).
static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    let words = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\
                 fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand";
    let parts = "half|third|quarter|fifth|sixth|seventh|eighth|ninth|tenth|twelfth|\
                 fifteenth|twentieth|thirtieth|fortieth|fiftieth|hundredth|thousandth";
    re(&format!(
        r"(?ix)
        \d[\d,]*(?:\.\d+)?\s*(?:×|x\b)
        | \b\d+\s*/\s*\d+\b
        | \d[\d,]*(?:\.\d+)?\s*(?:million|thousand|billion|M\b|k\b|nanoseconds?|ns\b|
              microseconds?|µs|milliseconds?|ms\b|seconds?|minutes?|%|percent|
              messages|msg/s|samples?|runs?\b)
        | \d+(?:\.\d+)?\s*[–-]\s*\d+\.\d+
        | \d+\.\d+\s*[–-]\s*\d+
        | \b(?:{words})(?:[\s-]+(?:{words}))*(?:\s+and\s+a\s+half)?\s+times\b
        | \b(?:a|an|one)\s+(?:{parts})\b
        | \b(?:tens|hundreds|thousands|millions)\s+of\s+(?:times|thousands|millions)\b
        "
    ))
});

/// The benchmark chapters type no benchmark figure into their prose: each
/// is included from a fragment `.ci/bench` regenerates, so a rerun cannot
/// leave a stale number behind.
pub fn bench_figures_are_generated(_root: &Path, chapters: &[Chapter]) -> Vec<String> {
    static INCLUDE: LazyLock<Regex> = LazyLock::new(|| re(r"\{\{#[a-z_]+[^}]*\}\}"));
    static HEADING: LazyLock<Regex> = LazyLock::new(|| re(r"(?m)^#+ .*$"));
    let mut problems = Vec::new();
    for wanted in BENCH_CHAPTERS {
        let Some(text) = find(chapters, wanted) else {
            problems.push(format!("{wanted} is missing"));
            continue;
        };
        // Includes, code blocks and inline code are not typed figures.
        let mut prose = prose_only(text);
        for pattern in [&*INCLUDE, &*HEADING] {
            prose = pattern
                .replace_all(&prose, |c: &regex::Captures| blank(&c[0]))
                .into_owned();
        }
        let prose = blank_inline_code(&prose);
        // The teaching time and the exercise are not benchmark figures.
        let prose = prose
            .split('\n')
            .map(|l| {
                if l.starts_with("*Teaching time:") || l.contains("**Teaching time:**") {
                    blank(l)
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        // The exercise's timeouts are the exercise's, not the benchmark's.
        let heading = |h: &str| {
            text.lines()
                .position(|l| l.starts_with(h))
                .map_or(usize::MAX, |i| i + 1)
        };
        let (exercise, quiz) = (heading("## Exercise"), heading("## Quiz"));
        for m in FIGURE.find_iter(&prose) {
            let line = line_of(&prose, m.start());
            if line > exercise && line < quiz {
                continue;
            }
            problems.push(format!(
                "{wanted}:{line}: \"{}\" looks like a benchmark figure typed into the prose; \
                 include it from a fragment tests/bench/src/bin/report.rs generates \
                 (src/data/ch20-claims/), so `bash .ci/bench` keeps it current",
                m.as_str().split_whitespace().collect::<Vec<_>>().join(" ")
            ));
        }
    }
    problems
}

/// The same text with every character but newlines made a space.
fn blank(s: &str) -> String {
    s.chars()
        .map(|c| if c == '\n' { '\n' } else { ' ' })
        .collect()
}

fn blank_inline_code(text: &str) -> String {
    static CODE: LazyLock<Regex> = LazyLock::new(|| re(r"`[^`\n]*`"));
    CODE.replace_all(text, |c: &regex::Captures| blank(&c[0]))
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> std::path::PathBuf {
        support::workspace_root().to_path_buf()
    }

    fn chapters(items: &[(&str, &str)]) -> Vec<Chapter> {
        items
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect()
    }

    fn says(problems: &[String], text: &str) -> bool {
        problems.iter().any(|p| p.contains(text))
    }

    const SUMMARY_OK: &str = "# Summary\n\n- [Introduction](ch01-introduction.md)\n\n# Part I\n\n\
                              - [A First Channel](ch02-first-channel.md)\n\n[Outline](course-outline.md)\n";

    #[test]
    fn sidebar_numbers_like_mdbook() {
        let s = sidebar(SUMMARY_OK);
        let numbers: Vec<_> = s.iter().map(|e| e.number).collect();
        assert_eq!(numbers, [Some(1), Some(2), None]);
        let prefix = sidebar("[Introduction](ch01-introduction.md)\n- [A](ch02-a.md)\n");
        assert_eq!(prefix[0].number, None);
        assert_eq!(prefix[1].number, Some(1));
    }

    #[test]
    fn sidebar_check_catches_an_unnumbered_introduction() {
        let root = root();
        let broken = chapters(&[
            (
                SUMMARY,
                "# Summary\n\n[Introduction](ch01-introduction.md)\n\n- [A First Channel](ch02-first-channel.md)\n",
            ),
            ("src/ch01-introduction.md", "# Introduction\n"),
            ("src/ch02-first-channel.md", "# A First Channel\n"),
        ]);
        let p = sidebar_matches_files(&root, &broken);
        assert!(
            says(&p, "numbers \"A First Channel\" chapter 1, but its file"),
            "{p:?}"
        );
        assert!(says(&p, "\"Introduction\" is unnumbered"), "{p:?}");
        let mut ok = broken.clone();
        ok[0].1 = SUMMARY_OK.to_string();
        let p = sidebar_matches_files(&root, &ok);
        assert!(!says(&p, "SUMMARY.md"), "{p:?}");
        // A chapter file the sidebar leaves out.
        ok.push(("src/ch99-extra.md".into(), "# Extra\n".into()));
        assert!(says(
            &sidebar_matches_files(&root, &ok),
            "ch99-extra.md: a chapter file"
        ));
    }

    const LISTING_2_1: &str = "<span class=\"filename\">Filename: listings/ch02-first-channel/listing-02-01-first-message/src/main.rs</span>\n\n\
        ```rust\n{{#include ../listings/ch02-first-channel/listing-02-01-first-message/src/main.rs:all}}\n```\n\n\
        <span class=\"caption\">Listing 2-1: One ticket. Run it with\n`cargo run -p listing-02-01-first-message`.</span>\n\n\
        ```console\n$ cargo run -p listing-02-01-first-message\n\
        {{#include ../listings/ch02-first-channel/listing-02-01-first-message/output.txt}}\n```\n";

    #[test]
    fn reference_check_catches_missing_listings_and_chapters() {
        let root = root();
        let book = |prose: &str| {
            chapters(&[
                (SUMMARY, SUMMARY_OK),
                (
                    "src/ch02-first-channel.md",
                    &format!("{LISTING_2_1}\n{prose}\n"),
                ),
            ])
        };
        let ok = book("Listing 2-1 and [Chapter 2](ch02-first-channel.md), Chapters 1 and 2.");
        assert_eq!(references_resolve(&root, &ok), Vec::<String>::new());
        for (prose, message) in [
            ("See Listing 9-9.", "\"Listing 9-9\" refers to a listing"),
            ("See Listings 2-1 and 2-7.", "\"Listing 2-7\" refers"),
            ("As Chapter 42 shows.", "\"Chapter 42\" refers to a chapter"),
            ("Chapters 2 and\n3.", "\"Chapter 3\" refers"),
            (
                "See [Chapter 1](ch02-first-channel.md).",
                "says \"Chapter 1\" but leads to ch02-first-channel.md",
            ),
        ] {
            let p = references_resolve(&root, &book(prose));
            assert!(says(&p, message), "{prose}: {p:?}");
        }
    }

    #[test]
    fn cargo_check_catches_a_package_that_does_not_exist() {
        let root = root();
        let ok = chapters(&[(
            "src/a.md",
            "Run `cargo run -p listing-02-01-first-message`, or any listing with \
             `cargo run -p NAME` (`cargo run -p listing-NN-MM-what`).",
        )]);
        assert_eq!(
            cargo_commands_name_packages(&root, &ok),
            Vec::<String>::new()
        );
        for text in [
            "Run `cargo run -p listing-02-01-first-mesage`.",
            "```console\n$ cargo test --quiet -p exercise-99-nothing\n```\n",
        ] {
            let p = cargo_commands_name_packages(&root, &chapters(&[("src/a.md", text)]));
            assert!(
                says(&p, "names no package of the workspace"),
                "{text}: {p:?}"
            );
        }
    }

    #[test]
    fn figure_check_catches_typed_figures() {
        let root = root();
        let name = BENCH_CHAPTERS[0];
        let ok = "# Choosing\n\n*Teaching time: about 50 minutes.*\n\nIt moved \
                  {{#include data/ch20-claims/x.md}} in Chapter 19, with `sync_channel(1024)`.\n";
        assert_eq!(
            bench_figures_are_generated(&root, &chapters(&[(name, ok)])),
            Vec::<String>::new()
        );
        for typed in [
            "It moved 37.8 million messages per second.",
            "That is 1.15× std.",
            "tokio shows 1/28 with four.",
            "Its samples ranged (36.2–39.2).",
            "About 17 nanoseconds per message.",
            "seven and a half times stage 3",
            "about a thirtieth of std",
            "The run took 10 to 20 minutes.",
            "thousands of times apart",
        ] {
            let p =
                bench_figures_are_generated(&root, &chapters(&[(name, &format!("{ok}{typed}\n"))]));
            assert!(says(&p, "looks like a benchmark figure"), "{typed}: {p:?}");
        }
    }
}
