//! The checks are only worth something if they fail when the book is wrong.
//! Each trial here runs one check, as a real process, on a small fixture that
//! is broken in one way (`fixtures/`), and proves that the check fails with
//! the message its snapshot records (`snapshots/<trial>.txt`, snapbox: `[..]`
//! stands for any text within a line, `...` for any lines). A control trial
//! shows the same check passing a fixture that is not broken, so a failure is
//! the breakage's and not the fixture's.
//!
//! These are the breakages that need a real process: a compiler, a program
//! that runs (a listing, or a snippet skeptic compiles), lychee, typos,
//! Chromium. The book's own checks (includes,
//! anchors, captions, ...) are proved on fixture books by their own tests.
//!
//! `cargo xtask broken-book` runs this (it installs the tools first);
//! `cargo xtask broken-book` with `SNAPSHOTS=overwrite` is how a message that
//! changed on purpose is re-recorded.

use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::OnceLock;
use std::time::Duration;
use support::{Watch, run_watched, workspace_root};

/// The fixtures, relative to the workspace root.
const FIXTURES: &str = "tests/broken-book/fixtures";

/// What a check said, and whether it failed.
struct Outcome {
    failed: bool,
    text: String,
}

/// One breakage: the check that must catch it, run on its fixture.
struct Case {
    name: &'static str,
    /// What is broken, in the words of the report.
    what: &'static str,
    check: fn() -> Result<Outcome, String>,
    /// The part of the check's output that names the problem.
    message: fn(&str) -> String,
    /// A control: the check must pass.
    must_pass: bool,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "listing-good-passes",
            what: "(control) a listing fixture that is not broken",
            check: || listings("fixture-listing-good"),
            message: |_| String::new(),
            must_pass: true,
        },
        Case {
            name: "listing-wrong-output",
            what: "a listing whose output no longer matches its output.txt",
            check: || listings("fixture-listing-wrong-output"),
            message: libtest_failures,
            must_pass: false,
        },
        Case {
            name: "listing-no-sample",
            what: "a listing with neither an output.txt nor a property check",
            check: || listings("fixture-listing-no-sample"),
            message: libtest_failures,
            must_pass: false,
        },
        Case {
            name: "listing-sleeps-long",
            what: "a listing that sleeps for seconds (found in its source, not timed)",
            check: || listings("fixture-listing-sleeps-long"),
            message: libtest_failures,
            must_pass: false,
        },
        Case {
            name: "listing-hangs",
            what: "a listing that hangs",
            check: || listings("fixture-listing-hangs"),
            message: libtest_failures,
            must_pass: false,
        },
        Case {
            name: "snippet-prints-slowly-passes",
            what: "(control) a snippet that is slow but keeps printing, for longer than the \
                   silence the runner allows",
            check: || snippets("snippets:21"),
            message: |_| String::new(),
            must_pass: true,
        },
        Case {
            name: "snippet-hangs",
            what: "a snippet whose program hangs without a word",
            check: || snippets("snippets:5"),
            message: libtest_failures,
            must_pass: false,
        },
        Case {
            name: "snippet-type-error",
            what: "a snippet that no longer compiles (a type error)",
            check: || snippets("snippets:43"),
            message: |text| compiler_errors(text) + &libtest_failures(text),
            must_pass: false,
        },
        Case {
            name: "compile-fail-case-compiles",
            what: "a compile-fail case that compiles",
            check: || compile_fail("a_case_that_compiles"),
            message: trybuild_report,
            must_pass: false,
        },
        Case {
            name: "compile-fail-stale-stderr",
            what: "a .stderr that no longer matches the compiler",
            check: || compile_fail("a_stale_stderr"),
            message: trybuild_report,
            must_pass: false,
        },
        Case {
            name: "links-broken",
            what: "a link to a page that does not exist, and a #fragment that does not exist",
            check: || {
                let found = support::tools::broken_links(&root().join(FIXTURES).join("links"));
                Ok(findings(found))
            },
            message: |text| text.to_owned(),
            must_pass: false,
        },
        Case {
            name: "spelling-misspelled",
            what: "a misspelled word",
            check: || {
                let found = support::tools::misspellings(
                    &root().join(FIXTURES).join("spelling"),
                    &["chapter.md"],
                );
                Ok(findings(found))
            },
            message: |text| text.to_owned(),
            must_pass: false,
        },
        Case {
            name: "browser-clean-page-passes",
            what: "(control) the fixture book's page with nothing wrong, in Chromium",
            check: || {
                let outcome = browser()?;
                let failures = browser_failures(&outcome.text, &["clean.html"]);
                Ok(Outcome {
                    failed: !failures.is_empty(),
                    text: failures,
                })
            },
            message: |_| String::new(),
            must_pass: true,
        },
        Case {
            name: "browser-missing-image",
            what: "a missing image inside <details>",
            check: browser,
            message: |text| browser_failures(text, &["missing-image.html", "no-such-picture"]),
            must_pass: false,
        },
        Case {
            name: "browser-black-diagram",
            what: "a diagram black on the navy theme",
            check: browser,
            message: |text| browser_failures(text, &["black-diagram.html"]),
            must_pass: false,
        },
        Case {
            name: "browser-wide-block",
            what: "a block wider than a phone's screen",
            check: browser,
            message: |text| browser_failures(text, &["wide-block.html"]),
            must_pass: false,
        },
    ]
}

fn root() -> &'static Path {
    workspace_root()
}

fn findings(lines: Vec<String>) -> Outcome {
    Outcome {
        failed: !lines.is_empty(),
        text: lines.join("\n") + "\n",
    }
}

/// Runs cargo at the root under the progress watchdog. trybuild and snapbox
/// must compare here, never write; messages come without colours (trybuild
/// colours them for any terminal type but `dumb`) and without backtraces.
fn cargo(args: &[&str]) -> Result<Outcome, String> {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(root())
        .args(args)
        .env_remove("TRYBUILD")
        .env_remove("SNAPSHOTS")
        .env_remove("RUST_BACKTRACE")
        .env("NO_COLOR", "1")
        .env("TERM", "dumb");
    let watch = Watch {
        what: format!("`cargo {}`", args.join(" ")),
        quiet: Duration::from_secs(120),
        cap: Duration::from_secs(600),
    };
    let run = run_watched(cmd, &watch).map_err(|e| format!("cannot run cargo: {e}"))?;
    if let Some(reason) = run.stop_reason() {
        return Err(reason);
    }
    Ok(Outcome {
        failed: !run.status.is_some_and(|s| s.success()),
        text: format!("{}{}", run.stdout, run.stderr),
    })
}

/// The listings check (tests/listings), on one fixture listing, with a
/// silence limit shorter than the book's own so the hanging one is caught
/// quickly.
fn listings(package: &str) -> Result<Outcome, String> {
    let under = format!("{FIXTURES}/listings");
    cargo(&[
        "test",
        "--quiet",
        "-p",
        "listings",
        "--test",
        "listings",
        "--",
        "--listings-under",
        &under,
        "--quiet-limit",
        "3",
        "--exact",
        package,
    ])
}

/// The snippet runner (tests/book's `snippets`), on one block of the fixture
/// book `snippets/`, with a silence limit shorter than the book's own so the
/// control can outlast it quickly.
fn snippets(block: &str) -> Result<Outcome, String> {
    let book = format!("{FIXTURES}/snippets");
    cargo(&[
        "test",
        "--quiet",
        "-p",
        "book",
        "--test",
        "snippets",
        "--",
        "--book",
        &book,
        "--quiet-limit",
        "3",
        "--exact",
        block,
    ])
}

/// The compile-fail check's way of working (trybuild), on one broken case.
fn compile_fail(test: &str) -> Result<Outcome, String> {
    cargo(&[
        "test",
        "--quiet",
        "-p",
        "fixture-compile-fail",
        "--test",
        "ui",
        "--",
        "--exact",
        test,
    ])
}

/// The browser test on the fixture book: one run (Chromium is slow to
/// start), which each browser trial judges by its own page's failures.
fn browser() -> Result<Outcome, String> {
    static RUN: OnceLock<Result<(bool, String), String>> = OnceLock::new();
    let run = RUN.get_or_init(|| {
        let book = format!("{FIXTURES}/book");
        cargo(&[
            "test", "--quiet", "-p", "browser", "--test", "browser", "--", "--book", &book,
        ])
        .map(|o| (o.failed, o.text))
    });
    run.clone().map(|(failed, text)| Outcome { failed, text })
}

/// The failure sections of a libtest (or libtest-mimic) report: from the
/// first `---- NAME ----` to the list of failed tests.
fn libtest_failures(text: &str) -> String {
    let Some(start) = text.find("\n---- ") else {
        return String::new();
    };
    let rest = &text[start + 1..];
    let end = rest.find("\nfailures:\n").unwrap_or(rest.len());
    rest[..end].trim_end().to_owned() + "\n"
}

/// The compiler's error lines (`error[E0308]: ...`), which the failure
/// report points to.
fn compiler_errors(text: &str) -> String {
    text.lines()
        .filter(|line| line.starts_with("error["))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// trybuild's report of the case: from its `test cases/...` line to the end
/// of the case's report.
fn trybuild_report(text: &str) -> String {
    let Some(start) = text.find("test cases/") else {
        return String::new();
    };
    let rest = &text[start..];
    let end = rest
        .find("\n\n\n")
        .or_else(|| rest.find("\ntest "))
        .unwrap_or(rest.len());
    rest[..end].trim_end().to_owned() + "\n"
}

/// The browser test's failures (`FAIL page [screen, theme]: check: what`)
/// that mention any of `about`, sorted, so the order pages are visited in
/// does not matter.
fn browser_failures(text: &str, about: &[&str]) -> String {
    let mut lines: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("FAIL ") && about.iter().any(|a| l.contains(a)))
        .collect();
    lines.sort_unstable();
    lines.dedup();
    lines.iter().map(|l| format!("{l}\n")).collect()
}

fn snapshot_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("snapshots")
        .join(format!("{name}.txt"))
}

fn prove(case: &Case) -> Result<(), Failed> {
    let outcome = (case.check)()?;
    if case.must_pass {
        if outcome.failed {
            return Err(format!(
                "the check fails on a fixture that is not broken, so the other trials prove \
                 nothing:\n{}",
                outcome.text
            )
            .into());
        }
        return Ok(());
    }
    if !outcome.failed {
        return Err(format!("NOT CAUGHT: {}: the check passed", case.what).into());
    }
    let message = (case.message)(&outcome.text);
    if message.trim().is_empty() {
        return Err(format!(
            "UNCLEAR: {}: the check failed, but its output has no message to compare:\n{}",
            case.what, outcome.text
        )
        .into());
    }
    let mut redactions = snapbox::Redactions::new();
    redactions
        .insert("[ROOT]", root().to_path_buf())
        .map_err(|e| e.to_string())?;
    snapbox::Assert::new()
        .action_env(snapbox::assert::DEFAULT_ACTION_ENV)
        .redact_with(redactions)
        .try_eq(
            Some(&"the check's message"),
            message.into(),
            snapbox::Data::read_from(&snapshot_path(case.name), None),
        )
        .map_err(|e| {
            format!(
                "{}: the check failed, but not with the message its snapshot records \
                 (if the new message is right: SNAPSHOTS=overwrite cargo xtask broken-book):\n{e}",
                case.what
            )
        })?;
    println!("caught: {}", case.what);
    Ok(())
}

fn main() -> ExitCode {
    let args = Arguments::from_args();
    let trials = cases()
        .into_iter()
        .map(|case| Trial::test(case.name, move || prove(&case)))
        .collect();
    libtest_mimic::run(&args, trials).exit_code()
}
