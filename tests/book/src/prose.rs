//! Checks of the book's words (and the README's) by pattern:
//!
//! - every `cargo run -p NAME` (or `test`, `bench`, ...) names a package of
//!   the workspace, as `cargo metadata` lists them;
//! - chapter 20 types no benchmark figure: every one is included from the
//!   fragments the benchmark's report generates.
//!
//! Every check reads the chapters with the book's directives expanded and
//! mdBook's includes as written, and returns its findings, empty when all is
//! well.

use crate::checks::prose_only;
use regex::Regex;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::sync::LazyLock;

/// A chapter source: its path relative to the root (`src/ch02-first-channel.md`)
/// and its text.
pub type Chapter = (String, String);

/// The chapters whose benchmark figures must all come from generated fragments.
pub const BENCH_CHAPTERS: &[&str] = &["src/ch20-choosing-a-channel.md"];

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap()
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

fn find<'a>(chapters: &'a [Chapter], name: &str) -> Option<&'a str> {
    chapters
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, t)| t.as_str())
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

static CARGO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"cargo\s+(?:run|test|bench|build|check|clippy|doc)\b[^\n`]*?\s(?:-p|--package)[\s=]+([A-Za-z0-9_-]+)",
    )
});

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
/// is included from a fragment `cargo xtask bench` regenerates, so a rerun cannot
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
                 (src/data/ch20-claims/), so `cargo xtask bench` keeps it current",
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
