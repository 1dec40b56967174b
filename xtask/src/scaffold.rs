//! `cargo xtask new listing NN slug` / `cargo xtask new exercise NN slug`:
//! a new crate in chapter NN's folder, from the templates below, and the
//! steps that remain.

use crate::run::root;
use anyhow::{Context, Result, bail};
use clap::Subcommand;
use std::fs;
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum New {
    /// A listing: listings/chNN-*/listing-NN-MM-SLUG, numbered after the chapter's last.
    Listing {
        /// The chapter's number (`3` or `03`).
        chapter: u8,
        /// What the listing shows, in lowercase words joined by `-`.
        slug: String,
    },
    /// An exercise: listings/chNN-*/exercise-NN-SLUG (starter, solution, tests).
    Exercise {
        /// The chapter's number (`3` or `03`).
        chapter: u8,
        /// What the exercise asks, in lowercase words joined by `-`.
        slug: String,
    },
}

pub fn new(what: New) -> Result<()> {
    match what {
        New::Listing { chapter, slug } => new_listing(chapter, &slug),
        New::Exercise { chapter, slug } => new_exercise(chapter, &slug),
    }
}

fn check_slug(slug: &str) -> Result<()> {
    let ok = !slug.is_empty()
        && slug.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
    if !ok {
        bail!("the slug {slug:?} must be lowercase words joined by `-`, like `order-terminals`");
    }
    Ok(())
}

/// `listings/chNN-*`: the chapter's one folder.
fn chapter_dir(chapter: u8) -> Result<PathBuf> {
    let prefix = format!("ch{chapter:02}-");
    let listings = root().join("listings");
    let mut found: Vec<PathBuf> = fs::read_dir(&listings)
        .with_context(|| format!("reading {}", listings.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_dir()
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
        })
        .collect();
    found.sort();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => bail!(
            "there is no listings/{prefix}*/ folder: a new chapter's folder is named like its \
             file, src/{prefix}topic.md -> listings/{prefix}topic/; make it first"
        ),
        many => bail!(
            "more than one folder is chapter {chapter:02}'s: {}",
            many.iter().map(|p| rel(p)).collect::<Vec<_>>().join(", ")
        ),
    }
}

fn rel(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The next listing number in a chapter's folder: one after the highest.
fn next_listing_number(dir: &Path, chapter: u8) -> Result<u32> {
    let prefix = format!("listing-{chapter:02}-");
    let mut highest = 0;
    for entry in fs::read_dir(dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if let Some(n) = name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.get(..2))
            .and_then(|n| n.parse::<u32>().ok())
        {
            highest = highest.max(n);
        }
    }
    Ok(highest + 1)
}

fn write_all(dir: &Path, files: &[(&str, String)]) -> Result<()> {
    if dir.exists() {
        bail!("{} already exists", rel(dir));
    }
    for (path, text) in files {
        let path = dir.join(path);
        fs::create_dir_all(path.parent().unwrap())?;
        fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .fold(template.to_owned(), |text, (key, value)| {
            text.replace(key, value)
        })
}

const LISTING_CARGO: &str = r#"[package]
name = "{name}"
version = "0.1.0"
description = "TODO: the listing's caption, as the book shows it"
edition.workspace = true
rust-version.workspace = true
publish.workspace = true
license.workspace = true

[lints]
workspace = true
"#;

const LISTING_MAIN: &str = r#"use std::sync::mpsc;
use std::thread;

fn main() {
    // ANCHOR: all
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        tx.send("TODO: what this listing shows").unwrap();
    });
    println!("{}", rx.recv().unwrap());
    // ANCHOR_END: all
}
"#;

fn new_listing(chapter: u8, slug: &str) -> Result<()> {
    check_slug(slug)?;
    let chapter_dir = chapter_dir(chapter)?;
    let number = next_listing_number(&chapter_dir, chapter)?;
    let name = format!("listing-{chapter:02}-{number:02}-{slug}");
    let dir = chapter_dir.join(&name);
    write_all(
        &dir,
        &[
            ("Cargo.toml", fill(LISTING_CARGO, &[("{name}", &name)])),
            ("src/main.rs", LISTING_MAIN.to_owned()),
        ],
    )?;
    let id = format!("{chapter:02}-{number:02}");
    println!(
        "created {dir} (Listing {chapter}-{number}): the workspace picks it up by its path.\n\
         Next:\n\
         1. Write the program in {dir}/src/main.rs, and its caption in the `description` of \
            {dir}/Cargo.toml.\n\
         2. Show it in listings/{chapter_folder}'s chapter (src/{chapter_folder}.md) with \
            `{{{{#listing {id}}}}}` and its output with `{{{{#listing-output {id}}}}}`.\n\
         3. Record its output: `cargo xtask bless {name}`, then read `git diff`. If the output \
            varies from run to run (threads), write a property check in \
            tests/listings/tests/ch{chapter:02}.rs instead (see ch03.rs).\n\
         4. `cargo xtask test`.",
        dir = rel(&dir),
        chapter_folder = chapter_dir.file_name().unwrap().to_string_lossy(),
    );
    Ok(())
}

const EXERCISE_CARGO: &str = r#"[package]
name = "{name}"
version = "0.1.0"
description = "TODO: what the exercise asks, in one line"
edition.workspace = true
rust-version.workspace = true
publish.workspace = true
license.workspace = true

[features]
# `cargo test -p {name}` tests your work in src/starter.rs;
# the book's checks also run the tests with `--features solution`.
solution = []

[lints]
workspace = true
"#;

const EXERCISE_LIB: &str = r#"//! Exercise {chapter}-N: TODO. Your code goes in `starter.rs`;
//! `cargo test -p {name}` tells you when it is done.

#[cfg(not(feature = "solution"))]
mod starter;
#[cfg(not(feature = "solution"))]
pub use starter::*;

#[cfg(feature = "solution")]
mod solution;
#[cfg(feature = "solution")]
pub use solution::*;
"#;

const EXERCISE_STARTER: &str = r#"// ANCHOR: starter
use std::sync::mpsc;
use std::thread;

/// Sends every number through a channel from a thread of its own and
/// returns their sum, as the receiver adds them up.
pub fn total(numbers: Vec<u64>) -> u64 {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        for n in numbers {
            tx.send(n).unwrap();
        }
    });
    // TODO: add up what arrives.
    drop(rx);
    0
}
// ANCHOR_END: starter
"#;

const EXERCISE_SOLUTION: &str = r#"// ANCHOR: solution
use std::sync::mpsc;
use std::thread;

/// Sends every number through a channel from a thread of its own and
/// returns their sum, as the receiver adds them up.
pub fn total(numbers: Vec<u64>) -> u64 {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        for n in numbers {
            tx.send(n).unwrap();
        }
    });
    // The loop ends when the sending thread is done and its `tx` is dropped.
    rx.iter().sum()
}
// ANCHOR_END: solution
"#;

const EXERCISE_TEST: &str = r#"use {crate_name}::total;

#[test]
fn adds_up_every_number() {
    assert_eq!(total(vec![1, 2, 3, 4]), 10);
}
"#;

/// `cargo course hint` gives these one at a time (crates/course checks two or
/// three, none holding a line of the solution).
const EXERCISE_HINTS: &str = r#"# Hints

Given one at a time, each closer to the answer, by `cargo course hint`
(the exercise's number, as `cargo course status` lists it).

## Hint 1

TODO: a nudge: where to look first.

## Hint 2

TODO: the last step, short of the solution's code.
"#;

fn new_exercise(chapter: u8, slug: &str) -> Result<()> {
    check_slug(slug)?;
    let chapter_dir = chapter_dir(chapter)?;
    let name = format!("exercise-{chapter:02}-{slug}");
    let crate_name = name.replace('-', "_");
    let dir = chapter_dir.join(&name);
    let chapter_text = chapter.to_string();
    let pairs = [
        ("{name}", name.as_str()),
        ("{crate_name}", crate_name.as_str()),
        ("{chapter}", chapter_text.as_str()),
    ];
    write_all(
        &dir,
        &[
            ("Cargo.toml", fill(EXERCISE_CARGO, &pairs)),
            ("src/lib.rs", fill(EXERCISE_LIB, &pairs)),
            ("src/starter.rs", EXERCISE_STARTER.to_owned()),
            ("src/solution.rs", EXERCISE_SOLUTION.to_owned()),
            ("tests/done.rs", fill(EXERCISE_TEST, &pairs)),
            ("hints.md", EXERCISE_HINTS.to_owned()),
        ],
    )?;
    println!(
        "created {dir}: the workspace picks it up by its path (not a default member: its \
         tests fail until the starter is done).\n\
         Next:\n\
         1. Write the task in {dir}/src/starter.rs, the answer in src/solution.rs and the \
            tests in tests/done.rs: they must fail on the starter and pass on the solution; \
            the hints in hints.md.\n\
         2. `cargo test -p {name}` (fails: the starter) and \
            `cargo test -p {name} --features solution` (passes).\n\
         3. Show it in the chapter with its `starter` and `solution` anchors.\n\
         4. `cargo xtask test` (the listings crate's `exercises` test checks both sides).",
        dir = rel(&dir),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words() {
        assert!(check_slug("order-terminals").is_ok());
        assert!(check_slug("fan-in-2").is_ok());
        for bad in ["", "Order", "two--dashes", "-lead", "under_score"] {
            assert!(check_slug(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn listings_are_numbered_after_the_chapters_last() {
        let dir = chapter_dir(3).unwrap();
        let next = next_listing_number(&dir, 3).unwrap();
        assert!(next > 1, "chapter 3 has listings");
        assert!(!fs::read_dir(&dir).unwrap().any(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(&format!("listing-03-{next:02}-"))
        }));
    }

    #[test]
    fn templates_are_filled() {
        let text = fill(EXERCISE_TEST, &[("{crate_name}", "exercise_03_x")]);
        assert!(text.starts_with("use exercise_03_x::total;"));
        assert!(!fill(LISTING_CARGO, &[("{name}", "listing-03-09-x")]).contains('{'));
    }
}
