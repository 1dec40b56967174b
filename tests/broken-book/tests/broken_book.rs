//! The checks are only worth something if they fail when the book is wrong.
//! This copies the book into `target/broken-book/work`, breaks it in one way at
//! a time, runs the check that must catch it, and asserts that the check fails
//! with a message naming the problem. The copy builds into its own target
//! directory, kept between runs, so only the first run is slow.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// One way to break the book.
struct Breakage {
    what: &'static str,
    /// Changes the copy (each starts from a fresh copy of the real files).
    break_it: fn(&Copy),
    /// The cargo arguments of the check that must catch it.
    check: &'static [&'static str],
    /// Text the failing check's output must contain.
    expect: fn(&Copy) -> String,
}

const SNIPPETS: &[&str] = &["test", "-p", "book", "--test", "snippets"];
const TRYBUILD: &[&str] = &["test", "-p", "compile-fail", "--test", "ui"];
const LISTINGS: &[&str] = &["test", "-p", "listings", "--test", "listings"];
/// The book checks, with the two that need lychee and typos (as `.ci/test`
/// runs them, so one build of the copy serves every breakage).
const BOOK: &[&str] = &[
    "test",
    "-p",
    "book",
    "--features",
    "book/external-tools",
    "--test",
    "book",
];
const BENCH_CLAIMS: &[&str] = &[
    "test",
    "-p",
    "bench",
    "--test",
    "claims",
    "committed_figures_and_charts_match_the_rounds",
];
/// The browser test on the chapter the breakages change (a whole run opens
/// every page four times).
const BROWSER: &[&str] = &[
    "test",
    "-p",
    "browser",
    "--test",
    "browser",
    "--",
    "ch02-first-channel",
];

/// The chapter the text breakages are added to.
const CHAPTER: &str = "src/ch02-first-channel.md";

fn breakages() -> Vec<Breakage> {
    vec![
        Breakage {
            what: "an include of a file that does not exist",
            break_it: |c| {
                c.append(
                    CHAPTER,
                    "\n```rust\n{{#include ../listings/no-such-listing/src/main.rs:all}}\n```\n",
                )
            },
            check: BOOK,
            expect: |_| {
                "names a file that cannot be read: listings/no-such-listing/src/main.rs".into()
            },
        },
        Breakage {
            what: "an include of an anchor that does not exist",
            break_it: |c| {
                let main = c.rel(&c.listing_main());
                c.append(
                    CHAPTER,
                    &format!("\n```rust\n{{{{#rustdoc_include ../{main}:no_such_anchor}}}}\n```\n"),
                );
            },
            check: BOOK,
            expect: |_| "names anchor `no_such_anchor`".into(),
        },
        Breakage {
            what: "a compile-fail case that now compiles",
            break_it: |c| fs::write(c.first_case("rs"), "fn main() {}\n").unwrap(),
            check: TRYBUILD,
            expect: |_| "Expected test case to fail to compile, but it succeeded".into(),
        },
        Breakage {
            what: "a .stderr that no longer matches the compiler",
            break_it: |c| {
                let path = c.first_case("stderr");
                let text = fs::read_to_string(&path).unwrap();
                fs::write(&path, text.replacen("error", "eror", 1)).unwrap();
            },
            check: TRYBUILD,
            expect: |_| "EXPECTED:".into(),
        },
        Breakage {
            what: "a chapter snippet with a type error",
            // Inside `main`, so every view of the listing the book shows
            // (a whole-file anchor or a partial one) carries it.
            break_it: |c| {
                let main = c.listing_main();
                let text = fs::read_to_string(&main).unwrap();
                let broken = "fn main() {\n    let _tip: u32 = \"not a number\";";
                fs::write(&main, text.replacen("fn main() {", broken, 1)).unwrap();
            },
            check: SNIPPETS,
            expect: |_| "error[E0308]: mismatched types".into(),
        },
        Breakage {
            what: "a listing whose output no longer satisfies its test",
            break_it: |c| {
                let main = c.listing_main();
                let text = fs::read_to_string(&main).unwrap();
                assert!(
                    text.contains("println!(\""),
                    "{} prints nothing",
                    main.display()
                );
                fs::write(&main, text.replacen("println!(\"", "println!(\"BROKEN ", 1)).unwrap();
            },
            check: LISTINGS,
            // A listing with an output.txt and no property check is checked
            // exactly; no registry entry is needed.
            expect: |c| format!("{}: stdout differs from", c.listing_name()),
        },
        Breakage {
            what: "a listing with neither an output.txt nor a property check",
            break_it: |c| fs::remove_file(c.listing_dir().join("output.txt")).unwrap(),
            check: LISTINGS,
            expect: |c| format!("{}: has no", c.listing_name()),
        },
        Breakage {
            what: "a package not named after its folder",
            break_it: |c| {
                let manifest = c.listing_dir().join("Cargo.toml");
                let text = fs::read_to_string(&manifest).unwrap();
                let line = format!("name = \"{}\"", c.listing_name());
                assert!(
                    text.contains(&line),
                    "{} names its package",
                    manifest.display()
                );
                let renamed = format!("name = \"{}-renamed\"", c.listing_name());
                fs::write(&manifest, text.replacen(&line, &renamed, 1)).unwrap();
            },
            check: BOOK,
            expect: |c| {
                format!(
                    "the package is named `{0}-renamed`; name it after its folder, `{0}`",
                    c.listing_name()
                )
            },
        },
        Breakage {
            what: "a listing that sleeps past its time budget",
            break_it: |c| {
                let main = c.listing_main();
                let text = fs::read_to_string(&main).unwrap();
                assert!(
                    text.contains("fn main() {"),
                    "{} has no main",
                    main.display()
                );
                let slow =
                    "fn main() {\n    std::thread::sleep(std::time::Duration::from_millis(1500));";
                fs::write(&main, text.replacen("fn main() {", slow, 1)).unwrap();
            },
            check: LISTINGS,
            expect: |c| format!("{}: too slow: took", c.listing_name()),
        },
        Breakage {
            what: "a broken internal link",
            break_it: |c| c.append(CHAPTER, "\nSee [the missing chapter](ch99-missing.md).\n"),
            check: BOOK,
            expect: |_| "ch99-missing.html".into(),
        },
        Breakage {
            what: "a broken #fragment",
            break_it: |c| {
                c.append(
                    CHAPTER,
                    "\nSee [a section](ch01-introduction.md#no-such-heading).\n",
                )
            },
            check: BOOK,
            expect: |_| "Cannot find fragment".into(),
        },
        Breakage {
            what: "a listing that hangs",
            break_it: |c| {
                let main = c.listing_main();
                let text = fs::read_to_string(&main).unwrap();
                assert!(
                    text.contains("fn main() {"),
                    "{} has no main",
                    main.display()
                );
                let hang = "fn main() {\n    #[allow(unreachable_code)]\n    loop {\n        std::thread::park();\n    }\n";
                fs::write(&main, text.replacen("fn main() {", hang, 1)).unwrap();
            },
            check: LISTINGS,
            expect: |_| "and was killed (a hang?)".into(),
        },
        Breakage {
            what: "a new `ignore` block without a reason",
            break_it: |c| {
                let main = c.rel(&c.listing_main());
                c.append(
                    CHAPTER,
                    &format!("\n```rust,ignore\n{{{{#rustdoc_include ../{main}:all}}}}\n```\n"),
                );
            },
            check: BOOK,
            expect: |_| "an `ignore` block needs a written reason".into(),
        },
        Breakage {
            what: "Rust code pasted into a chapter instead of included",
            break_it: |c| c.append(CHAPTER, "\n```rust\nfn main() {}\n```\n"),
            check: BOOK,
            expect: |_| "block with code written in the chapter".into(),
        },
        Breakage {
            what: "a course outline that disagrees with a chapter's teaching time",
            break_it: |c| {
                let path = c.root.join("src/course-outline.md");
                let text = fs::read_to_string(&path).unwrap();
                let row = "| [A First Channel](ch02-first-channel.md) | ";
                assert!(text.contains(row), "the outline plans chapter 2");
                fs::write(&path, text.replacen(row, &format!("{row}1"), 1)).unwrap();
            },
            check: BOOK,
            expect: |_| "ch02-first-channel.md is planned for".into(),
        },
        Breakage {
            what: "a diagram that would be black on the dark themes",
            break_it: |c| {
                fs::create_dir_all(c.root.join("src/img")).unwrap();
                fs::write(
                    c.root.join("src/img/broken.svg"),
                    "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>x</title>\
                     <text fill=\"currentColor\">x</text></svg>\n",
                )
                .unwrap();
            },
            check: BOOK,
            expect: |_| "src/img/broken.svg: uses currentColor".into(),
        },
        Breakage {
            what: "a run command naming a package that does not exist",
            break_it: |c| {
                c.append(
                    CHAPTER,
                    "\nRun it with `cargo run -p listing-02-99-no-such`.\n",
                )
            },
            check: BOOK,
            expect: |_| {
                "`cargo run -p listing-02-99-no-such` names no package of the workspace".into()
            },
        },
        Breakage {
            what: "a Filename caption naming another file than the block includes",
            break_it: |c| {
                let (first, second) = c.first_two_listings();
                c.replace(
                    CHAPTER,
                    &format!("Filename: {first}/src/main.rs"),
                    &format!("Filename: {second}/src/main.rs"),
                );
            },
            check: BOOK,
            expect: |c| {
                let (first, second) = c.first_two_listings();
                format!(
                    "the caption says \"Filename: {second}/src/main.rs\", but the next block \
                     (line {}) includes {first}/src/main.rs",
                    c.line_after(CHAPTER, &format!("Filename: {first}/src/main.rs"), "```")
                )
            },
        },
        Breakage {
            what: "the output of another listing under `$ cargo run -p NAME`",
            break_it: |c| {
                let (first, second) = c.first_two_listings();
                let (a, b) = (package(&first), package(&second));
                c.replace(
                    CHAPTER,
                    &format!("$ cargo run -p {a}\n"),
                    &format!("$ cargo run -p {b}\n"),
                );
            },
            check: BOOK,
            expect: |c| {
                let (first, second) = c.first_two_listings();
                format!(
                    "the output under `$ cargo run -p {b}` is {first}/output.txt, which is not \
                     {b}'s own",
                    b = package(&second)
                )
            },
        },
        Breakage {
            what: "a reference to a listing that does not exist",
            break_it: |c| c.append(CHAPTER, "\nAs Listing 9-9 shows.\n"),
            check: BOOK,
            expect: |_| "\"Listing 9-9\" refers to a listing that no caption defines".into(),
        },
        Breakage {
            what: "a reference to a chapter that does not exist",
            break_it: |c| c.append(CHAPTER, "\nAs Chapter 42 shows.\n"),
            check: BOOK,
            expect: |_| "\"Chapter 42\" refers to a chapter the sidebar does not number".into(),
        },
        Breakage {
            what: "a sidebar whose order no longer matches the chapter numbers",
            break_it: |c| {
                let (three, four) = (
                    "- [Many Producers](ch03-many-producers.md)\n",
                    "- [Receiving](ch04-receiving.md)\n",
                );
                c.replace(
                    "src/SUMMARY.md",
                    &format!("{three}{four}"),
                    &format!("{four}{three}"),
                );
            },
            check: BOOK,
            expect: |_| {
                "the sidebar numbers \"Receiving\" chapter 3, but its file ch04-receiving.md \
                 says chapter 4"
                    .into()
            },
        },
        Breakage {
            what: "a benchmark figure typed into chapter 20",
            break_it: |c| {
                c.append(
                    "src/ch20-choosing-a-channel.md",
                    "\nIt moved 99.9 million messages per second.\n",
                )
            },
            check: BOOK,
            expect: |_| {
                "\"99.9 million\" looks like a benchmark figure typed into the prose".into()
            },
        },
        Breakage {
            what: "a chapter 20 figure that no longer matches the data",
            break_it: |c| {
                let path = c.root.join("src/data/ch20-figures.json");
                let text = fs::read_to_string(&path).unwrap();
                let text = text.replacen("\"rounds\": \"", "\"rounds\": \"9", 1);
                fs::write(path, text).unwrap();
            },
            check: BENCH_CLAIMS,
            expect: |_| "src/data/ch20-figures.json: figure ch20.rounds says \"9".into(),
        },
        Breakage {
            what: "a missing image, shown only inside a <details> block",
            break_it: |c| {
                c.append(
                    CHAPTER,
                    "\n<details>\n<summary>The pass</summary>\n\n\
                     ![The pass, seen from the kitchen](img/no-such-picture.svg)\n\n</details>\n",
                )
            },
            check: BROWSER,
            expect: |_| "GET /img/no-such-picture.svg answered 404".into(),
        },
        Breakage {
            what: "a diagram drawn black, unreadable on a dark theme",
            break_it: |c| {
                fs::write(
                    c.root.join("src/img/black.svg"),
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 40\" \
                     width=\"200\" height=\"40\"><title>x</title>\
                     <text x=\"10\" y=\"25\" fill=\"#000000\">a black label</text></svg>\n",
                )
                .unwrap();
                c.append(CHAPTER, "\n![A black label](img/black.svg)\n");
            },
            check: BROWSER,
            expect: |_| {
                "theme navy]: diagram text contrast: img/black.svg: text \"a black label\"".into()
            },
        },
        Breakage {
            what: "a block wider than a phone's screen",
            break_it: |c| {
                c.append(
                    CHAPTER,
                    "\n<div style=\"width: 600px\">A wide plate</div>\n",
                )
            },
            check: BROWSER,
            expect: |_| {
                "[phone 390x844, theme light]: fits the viewport: div \"A wide plate\"".into()
            },
        },
        Breakage {
            what: "a misspelled word",
            break_it: |c| c.append(CHAPTER, "\nThe reciever waits.\n"),
            check: BOOK,
            expect: |_| "reciever".into(),
        },
    ]
}

/// The working copy of the book.
struct Copy {
    root: PathBuf,
}

impl Copy {
    fn append(&self, rel: &str, text: &str) {
        let path = self.root.join(rel);
        let mut old = fs::read_to_string(&path).unwrap();
        old.push_str(text);
        fs::write(path, old).unwrap();
    }

    /// Replaces the first `from` in a file, which must contain it.
    fn replace(&self, rel: &str, from: &str, to: &str) {
        let path = self.root.join(rel);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        fs::write(path, text.replacen(from, to, 1)).unwrap();
    }

    /// The 1-based line of the first line starting with `start` after the first
    /// line containing `after`, in the real (unbroken) file.
    fn line_after(&self, rel: &str, after: &str, start: &str) -> usize {
        let text = fs::read_to_string(support::workspace_root().to_path_buf().join(rel)).unwrap();
        let from = text.lines().position(|l| l.contains(after)).unwrap();
        from + 1
            + text
                .lines()
                .skip(from)
                .position(|l| l.starts_with(start))
                .unwrap()
    }

    /// Chapter 2's first two listing directories, relative to the root.
    fn first_two_listings(&self) -> (String, String) {
        let mut dirs: Vec<String> = fs::read_dir(self.root.join("listings/ch02-first-channel"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("listing-"))
            .map(|n| format!("listings/ch02-first-channel/{n}"))
            .collect();
        dirs.sort();
        (dirs[0].clone(), dirs[1].clone())
    }

    fn rel(&self, path: &Path) -> String {
        path.strip_prefix(&self.root).unwrap().display().to_string()
    }

    /// The first listing of chapter 2 (every breakage of a listing uses it).
    fn listing_dir(&self) -> PathBuf {
        let mut dirs: Vec<PathBuf> = fs::read_dir(self.root.join("listings/ch02-first-channel"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.join("src/main.rs").exists()
                    && p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with("listing-"))
            })
            .collect();
        dirs.sort();
        dirs.into_iter().next().expect("chapter 2 has a listing")
    }

    fn listing_main(&self) -> PathBuf {
        self.listing_dir().join("src/main.rs")
    }

    fn listing_name(&self) -> String {
        self.listing_dir()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned()
    }

    fn first_case(&self, ext: &str) -> PathBuf {
        let mut cases: Vec<PathBuf> = fs::read_dir(self.root.join("tests/compile-fail/cases"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .collect();
        cases.sort();
        cases
            .into_iter()
            .next()
            .expect("there is a compile-fail case")
    }
}

/// The package a listing directory holds: its directory name.
fn package(dir: &str) -> String {
    dir.rsplit('/').next().unwrap().to_string()
}

/// Puts the copy back to the real book, changing only files that differ, so
/// cargo sees as few changes as possible between breakages, and removing
/// files a breakage added.
fn sync_tree(from: &Path, to: &Path) {
    let _ = fs::remove_dir_all(to.join("tests/compile-fail/wip"));
    for entry in fs::read_dir(to).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name != "target" && !from.join(&name).exists() {
            let path = entry.path();
            if path.is_dir() {
                fs::remove_dir_all(path).unwrap();
            } else {
                fs::remove_file(path).unwrap();
            }
        }
    }
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "target" || name == ".git" {
            continue;
        }
        let (src, dst) = (entry.path(), to.join(&name));
        if src.is_dir() {
            fs::create_dir_all(&dst).unwrap();
            sync_tree(&src, &dst);
        } else if fs::read(&src).ok() != fs::read(&dst).ok() {
            fs::copy(&src, &dst).unwrap();
        }
    }
}

fn cargo(copy: &Path, target: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(copy)
        .args(args)
        .env("CARGO_TARGET_DIR", target)
        // trybuild must compare, never write new .stderr files.
        .env_remove("TRYBUILD")
        .output()
        .expect("cannot run cargo");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

fn main() -> ExitCode {
    let real = support::workspace_root().to_path_buf();
    let base = real.join("target/broken-book");
    let (work, target) = (base.join("work"), base.join("target"));
    let _ = fs::remove_dir_all(&work);
    // Syncing into an empty directory copies everything the checks read.
    fs::create_dir_all(&work).unwrap();
    sync_tree(&real, &work);
    let copy = Copy { root: work.clone() };

    // The unbroken copy must pass every check used below, or a failure would
    // prove nothing.
    let start = Instant::now();
    for check in [BOOK, SNIPPETS, TRYBUILD, LISTINGS, BENCH_CLAIMS, BROWSER] {
        let (ok, out) = cargo(&work, &target, check);
        if !ok {
            eprintln!(
                "error: the unbroken copy already fails `cargo {}`:\n{out}",
                check.join(" ")
            );
            return ExitCode::FAILURE;
        }
    }
    println!(
        "the unbroken copy passes every check ({} s)",
        start.elapsed().as_secs()
    );

    let (mut passed, mut failed) = (0, 0);
    for b in breakages() {
        sync_tree(&real, &work);
        (b.break_it)(&copy);
        let expected = (b.expect)(&copy);
        let start = Instant::now();
        let (ok, out) = cargo(&work, &target, b.check);
        let secs = start.elapsed().as_secs_f32();
        let message = out
            .lines()
            .find(|l| l.contains(&expected))
            .map(|l| l.trim().to_string());
        match (ok, message) {
            (false, Some(line)) => {
                passed += 1;
                println!(
                    "caught: {} ({secs:.1} s)\n    `cargo {}` said: {line}",
                    b.what,
                    b.check.join(" ")
                );
            }
            (true, _) => {
                failed += 1;
                println!(
                    "NOT CAUGHT: {}: `cargo {}` passed",
                    b.what,
                    b.check.join(" ")
                );
            }
            (false, None) => {
                failed += 1;
                println!(
                    "UNCLEAR: {}: `cargo {}` failed, but its output never says {expected:?}:\n{out}",
                    b.what,
                    b.check.join(" ")
                );
            }
        }
    }
    sync_tree(&real, &work);
    println!("\nbroken book: {passed} passed, {failed} failed");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
