//! The checking tasks: test, bless, stress, loom, broken-book, bench, ci.

use crate::run::{self, cargo, root, step};
use anyhow::{Context, Result, bail};
use std::process::Command;
use std::time::Instant;

/// What `cargo xtask test` tests: everything but the exercises (whose tests
/// fail until a learner finishes the starter; the listings crate's
/// `exercises` test checks starter and solution) and the browser test
/// (`cargo xtask browser`), with the book's checks that run lychee and typos.
const TEST_PACKAGES: &[&str] = &[
    "--workspace",
    "--exclude",
    "exercise-*",
    "--exclude",
    "browser",
    "--features",
    "book/external-tools",
];

/// Test targets `cargo xtask test` leaves to a deeper CI stage, `cargo xtask
/// e2e`: they drive real processes end to end. Part IV's fault tests kill and
/// restart nats-server processes and wait out a cluster's leader election;
/// the learner's journey compiles a scratch workspace at every step.
const DEFERRED: &[(&str, &str)] = &[("broker", "faults"), ("course", "learner_journey")];

pub fn test() -> Result<()> {
    let start = Instant::now();
    // Every pinned tool: the checks find them through `support::tools`.
    crate::tools::install_for_checks()?;

    step("cargo fmt --all --check, beside cargo clippy --workspace --all-targets -- -D warnings");
    // rustfmt builds nothing, so it runs beside clippy; its verdict (and its
    // diff) is printed once clippy is done.
    let mut fmt = cargo();
    fmt.args(["fmt", "--all", "--check"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let fmt = fmt.spawn().context("cannot start cargo fmt")?;
    let clippy_verdict = run::status(clippy(&[]))
        // Again with every feature on: that lints the exercises' solutions too.
        .and_then(|()| run::status(clippy(&["--all-features"])));
    let fmt = fmt.wait_with_output().context("cargo fmt")?;
    print!("{}", String::from_utf8_lossy(&fmt.stdout));
    eprint!("{}", String::from_utf8_lossy(&fmt.stderr));
    if !fmt.status.success() {
        bail!(
            "`cargo fmt --all --check` failed ({}): run `cargo fmt --all`",
            fmt.status
        );
    }
    clippy_verdict?;

    let linted = start.elapsed();
    step(&format!("cargo test {}", TEST_PACKAGES.join(" ")));
    crate::testrun::run_all(TEST_PACKAGES, DEFERRED)?;
    let all = start.elapsed();
    println!(
        "==> every check passed in {:.1} s (tools, formatting and lints {:.1} s, build and \
         tests {:.1} s)",
        all.as_secs_f32(),
        linted.as_secs_f32(),
        (all - linted).as_secs_f32()
    );
    Ok(())
}

fn clippy(extra: &[&str]) -> Command {
    let mut cmd = cargo();
    cmd.args(["clippy", "--quiet", "--workspace", "--all-targets"])
        .args(extra)
        .args(["--", "-D", "warnings"]);
    cmd
}

/// A `cargo test` that is built first (compiling shows cargo's own progress
/// and always ends) and then run under the progress watchdog.
fn build_then_watch(args: &[&str], test_args: &[&str], env: &[(&str, &str)]) -> Result<()> {
    build_then_watch_within(args, test_args, env, run::QUIET)
}

fn build_then_watch_within(
    args: &[&str],
    test_args: &[&str],
    env: &[(&str, &str)],
    quiet: std::time::Duration,
) -> Result<()> {
    let with_env = |mut cmd: Command| {
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd
    };
    let mut build = cargo();
    build.args(["test", "--no-run", "--quiet"]).args(args);
    run::status(with_env(build))?;
    let mut test = cargo();
    test.args(["test", "--quiet"]).args(args);
    if !test_args.is_empty() {
        test.arg("--").args(test_args);
    }
    run::watched_within(with_env(test), quiet)
}

pub fn bless(filter: Option<&str>) -> Result<()> {
    // The crates' own switches: snapbox rewrites a snapshot that differs,
    // trybuild a .stderr that differs.
    let overwrite = [("SNAPSHOTS", "overwrite"), ("TRYBUILD", "overwrite")];
    let wanted = |names: &[&str]| filter.is_none_or(|f| names.iter().any(|n| n.contains(f)));

    step("listings: every deterministic listing's output.txt");
    let filter_args: Vec<&str> = filter.into_iter().collect();
    build_then_watch(
        &["-p", "listings", "--test", "listings"],
        &filter_args,
        &overwrite,
    )?;

    step("quizzes: what each quiz program prints (output.txt, panic.txt)");
    build_then_watch(
        &["-p", "listings", "--test", "quizzes"],
        &filter_args,
        &overwrite,
    )?;

    let cases = compile_fail_cases()?;
    let names: Vec<&str> = cases.iter().map(String::as_str).collect();
    if wanted(&names) || wanted(&["compile-fail"]) {
        step("compile-fail: the compiler errors the book shows (.stderr)");
        build_then_watch(&["-p", "compile-fail"], &[], &overwrite)?;
    }
    if wanted(&["model-check", "loom", "broken-stage4-interleaving"]) {
        step("model-check: the failing interleaving chapter 19 shows");
        loom_test(&["--test", "broken"], &[], &overwrite)?;
    }
    if Command::new("git")
        .current_dir(root())
        .args(["status", "--short", "--", "listings", "tests", "src"])
        .status()
        .is_err()
    {
        println!("(no git here: compare the files yourself)");
    }
    println!("review what changed (git diff) before committing it");
    Ok(())
}

fn compile_fail_cases() -> Result<Vec<String>> {
    let dir = root().join("tests/compile-fail/cases");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "rs") {
            names.push(path.file_stem().unwrap().to_string_lossy().into_owned());
        }
    }
    Ok(names)
}

/// The conformance suite's size in `cargo xtask stress`: `cargo xtask test`
/// runs it at scale 1, quick enough for every commit, and this many times
/// larger here (`CONFORMANCE_SCALE` is the suite's own variable, which the
/// book tells readers about).
const SOAK_SCALE: &str = "20";

pub fn stress(runs: usize) -> Result<()> {
    if runs == 0 {
        bail!("--runs must be at least 1");
    }
    if !support::can_pin_to_one_core() {
        println!(
            "note: this system does not let a thread be pinned to one core, so the \
             `one-core` runs run on every core"
        );
    }
    let runs = runs.to_string();
    // Each ends with its run-time report against the budgets: times are
    // reported here, never judged by a pass/fail test.
    build_then_watch(
        &["-p", "listings", "--test", "listings"],
        &["--stress-runs", &runs],
        &[],
    )?;
    step("exercises: each solution's tests, for their run times");
    build_then_watch(
        &["-p", "listings", "--test", "exercises"],
        &["--time-runs", &runs],
        &[],
    )?;
    step(&format!(
        "conformance: the channel guarantees at CONFORMANCE_SCALE={SOAK_SCALE}"
    ));
    build_then_watch(
        &[
            "-p",
            "conformance",
            "--test",
            "std_channels",
            "--test",
            "book_channel",
        ],
        &[],
        &[("CONFORMANCE_SCALE", SOAK_SCALE)],
    )
}

/// The preemption bound chapter 19 states; loom reads it from its own variable.
const LOOM_MAX_PREEMPTIONS: &str = "3";

/// `cargo test -p model-check` built with `--cfg loom`, in its own target
/// directory (the cfg changes every crate's build, and the main one must not
/// rebuild).
fn loom_test(args: &[&str], test_args: &[&str], env: &[(&str, &str)]) -> Result<()> {
    let target = root().join("target/loom");
    let target = target.to_string_lossy();
    let mut all_env = vec![
        ("RUSTFLAGS", "--cfg loom"),
        ("CARGO_TARGET_DIR", target.as_ref()),
        ("LOOM_MAX_PREEMPTIONS", LOOM_MAX_PREEMPTIONS),
    ];
    all_env.extend_from_slice(env);
    let mut cargo_args = vec!["-p", "model-check"];
    cargo_args.extend_from_slice(args);
    build_then_watch(&cargo_args, test_args, &all_env)
}

pub fn loom() -> Result<()> {
    let start = Instant::now();
    // `--show-output` prints each scenario's count of interleavings.
    loom_test(&[], &["--show-output"], &[])?;
    println!(
        "==> model checks passed in {:.0} s (preemption bound {LOOM_MAX_PREEMPTIONS})",
        start.elapsed().as_secs_f32()
    );
    Ok(())
}

pub fn e2e() -> Result<()> {
    crate::tools::ensure_named(&["nats-server"])?;
    let mut args = Vec::new();
    for (package, target) in DEFERRED {
        args.extend(["-p", package, "--test", target]);
    }
    build_then_watch(&args, &[], &[])
}

pub fn broken_book(list: bool) -> Result<()> {
    let args = ["-p", "broken-book", "--test", "broken_book"];
    if list {
        return build_then_watch(&args, &["--list"], &[]);
    }
    crate::tools::ensure_named(&["lychee", "typos"])?;
    crate::browser::ensure_chromium()?;
    build_then_watch(&args, &[], &[])
}

/// Chapter 20's benchmark, through the bench crate's one entry point.
pub fn bench(smoke: bool, rounds: Option<u32>) -> Result<()> {
    let mut cmd = cargo();
    cmd.args(["run", "--release", "-p", "bench", "--"]);
    if smoke {
        cmd.arg("--smoke");
    }
    if let Some(rounds) = rounds {
        cmd.args(["--rounds", &rounds.to_string()]);
    }
    if smoke {
        run::watched(cmd)
    } else {
        // The full run measures: nothing else of ours runs beside it, and its
        // samples stay quiet for long stretches by design.
        run::status(cmd)
    }
}

pub fn ci() -> Result<()> {
    type Stage = (&'static str, fn() -> Result<()>);
    let stages: [Stage; 7] = [
        ("every check (the README's test command)", test),
        (
            "end to end: nats-server killed under chapter 22's kitchen, cargo course in a scratch workspace",
            e2e,
        ),
        (
            "the book in a browser: every page in Chromium",
            crate::browser::browser,
        ),
        ("model checks: chapter 19's channels under loom", loom),
        (
            "stress: every listing 5 times on all cores and 5 times on one core, the conformance suite at scale; run times \
             against their budgets",
            || stress(5),
        ),
        ("broken book: every check must catch its breakage", || {
            broken_book(false)
        }),
        (
            "benchmark smoke test: every benchmarked channel delivers every message",
            || bench(true, None),
        ),
    ];
    let start = Instant::now();
    for (passed, (title, stage)) in stages.iter().enumerate() {
        step(&format!("stage {}/{}: {title}", passed + 1, stages.len()));
        if let Err(e) = stage() {
            println!(
                "ci stages: {passed} passed, 1 failed ({title}), {} not run",
                stages.len() - passed - 1
            );
            return Err(e);
        }
    }
    println!(
        "ci stages: {} passed, 0 failed ({:.0} s)",
        stages.len(),
        start.elapsed().as_secs_f32()
    );
    Ok(())
}

/// The browser test, with its own arguments (page filters, `--book DIR`).
pub fn run_browser_test(test_args: &[&str]) -> Result<()> {
    // The browser test has a watchdog of its own and reports once per theme.
    build_then_watch_within(
        &["-p", "browser", "--test", "browser"],
        test_args,
        &[],
        std::time::Duration::from_secs(330),
    )
}
