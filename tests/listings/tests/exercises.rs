//! Proves every exercise is a real task: its tests FAIL on the starter code a
//! learner gets and PASS on the solution the book shows (as rustlings'
//! `--require-solutions` does), both files are formatted, and nothing in it
//! sleeps for a second or more (`listings::sleeps`: checked on the sources,
//! not on a stopwatch). A test executable that writes nothing for 30 s is
//! taken to hang, killed and named.
//!
//! One trial per exercise, named by its package:
//! `cargo test -p listings --test exercises exercise-03-fan-in`.
//!
//! `-- --time-runs N` (`cargo xtask stress` passes it) runs only each
//! solution's tests, N times, and ends with the run-time report: each
//! solution's fastest run against its budget (300 ms unless a `budget.txt`
//! in the exercise's folder declares `<N> ms` and the reason). A report, not
//! a verdict: no pass/fail test judges time.
//!
//! An exercise crate (`listings/chNN-.../exercise-NN-what/`) builds its starter
//! by default and its solution with `--features solution`; `tests/` define done.

use libtest_mimic::{Arguments, Failed, Trial};
use listings::sleeps::long_sleeps;
use listings::{TimeLine, budget_in, run_watched, time_report, watch};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use support::{Kind, cargo_executables, packages_of, workspace_root};

/// Per exercise: what it showed (starter fails N, solution passes M).
static SHOWN: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());
/// From `--time-runs`: each solution's fastest run, and its budget.
static TIMES: Mutex<Vec<TimeLine>> = Mutex::new(Vec::new());

/// Takes `--time-runs N` out of the command line; the rest is libtest's.
fn split_args(args: Vec<String>) -> Result<(Option<usize>, Vec<String>), String> {
    let mut rest = Vec::new();
    let mut runs = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (key, inline) = match arg.split_once('=') {
            Some((k, v)) => (k.to_owned(), Some(v.to_owned())),
            None => (arg.clone(), None),
        };
        if key != "--time-runs" {
            rest.push(arg);
            continue;
        }
        let value = inline.or_else(|| args.next()).unwrap_or_default();
        let n = value.parse().ok().filter(|&n: &usize| n > 0);
        runs = Some(n.ok_or(format!(
            "--time-runs takes a number of runs above 0, not {value:?}"
        ))?);
    }
    Ok((runs, rest))
}

fn main() -> ExitCode {
    let (time_runs, args) = match split_args(std::env::args().collect()) {
        Ok(split) => split,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut args = Arguments::from_iter(args);
    let exercises = packages_of(Kind::Exercise);
    // A starter's failing tests mostly wait out their bounded timeouts (up to
    // a few seconds), using no CPU: so unless told otherwise, check every
    // exercise at once. Each runs its own processes and shares no files.
    // Timed runs keep libtest's one per core, so that they measure the
    // solutions rather than each other.
    if args.test_threads.is_none() && time_runs.is_none() {
        args.test_threads = Some(exercises.len().max(1));
    }

    let (starter, solution) = if args.list {
        Default::default()
    } else {
        match build(&exercises) {
            Ok(built) => built,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    };

    let trials = exercises
        .iter()
        .map(|(name, package)| {
            let (name, dir) = (name.clone(), package.dir.clone());
            let starter = starter.get(&name).cloned();
            let solution = solution.get(&name).cloned();
            Trial::test(name.clone(), move || {
                let checked = match time_runs {
                    Some(runs) => time(&name, &dir, solution, runs).map_err(|e| vec![e]),
                    None => check(&name, &dir, starter, solution),
                };
                checked.map_err(|problems| Failed::from(problems.join("\n")))
            })
        })
        .collect();
    let conclusion = libtest_mimic::run(&args, trials);
    if !args.list {
        print_summary();
    }
    conclusion.exit_code()
}

type Executables = BTreeMap<String, Vec<PathBuf>>;

/// Builds every exercise's test executables, for the starter and (with each
/// crate's `solution` feature) for the solution.
fn build(
    exercises: &BTreeMap<String, support::Package>,
) -> Result<(Executables, Executables), String> {
    let mut args = vec!["test", "--no-run", "--quiet"];
    for name in exercises.keys() {
        args.extend(["-p", name]);
    }
    let starter = cargo_executables(&args)?;
    let features: Vec<String> = exercises.keys().map(|n| format!("{n}/solution")).collect();
    let features = features.join(",");
    args.extend(["--features", &features]);
    let solution = cargo_executables(&args)?;
    Ok((starter, solution))
}

/// Checks one exercise; `Err` lists what is wrong.
fn check(
    name: &str,
    dir: &Path,
    starter: Option<Vec<PathBuf>>,
    solution: Option<Vec<PathBuf>>,
) -> Result<(), Vec<String>> {
    let mut problems = Vec::new();
    for file in ["src/starter.rs", "src/solution.rs"] {
        if !dir.join(file).exists() {
            problems.push(format!("{name}: {file} is missing"));
        }
    }
    let rustfmt = Command::new("rustfmt")
        .args(["--check", "--edition", "2024"])
        .arg(dir.join("src/starter.rs"))
        .arg(dir.join("src/solution.rs"))
        .output();
    match rustfmt {
        Ok(o) if o.status.success() => {}
        Ok(o) => problems.push(format!(
            "{name}: starter or solution is not formatted (run `cargo fmt`):\n{}",
            String::from_utf8_lossy(&o.stdout)
        )),
        Err(e) => problems.push(format!("{name}: cannot run rustfmt: {e}")),
    }
    problems.extend(
        long_sleeps(dir, workspace_root())
            .into_iter()
            .map(|s| format!("{name}: {s}")),
    );
    if let Err(e) = budget_in(dir) {
        problems.push(format!("{name}: {e}"));
    }

    let mut summary = String::new();
    match run_all(name, "starter", starter.as_deref()) {
        Err(e) => problems.push(format!("{name}: starter: {e}")),
        Ok(run) if run.failed == 0 => problems.push(format!(
            "{name}: its tests PASS on the starter code, so the exercise asks nothing:\n{}",
            run.log
        )),
        Ok(run) => {
            summary += &format!("starter fails {}", count_tests(&run.log, "failed;"));
        }
    }
    match run_all(name, "solution", solution.as_deref()) {
        Err(e) => problems.push(format!("{name}: solution: {e}")),
        Ok(run) if run.failed == 0 => {
            summary += &format!(", solution passes {}", count_tests(&run.log, "passed;"));
            SHOWN.lock().unwrap().push((name.to_owned(), summary));
        }
        Ok(run) => problems.push(format!(
            "{name}: its tests FAIL on the solution:\n{}",
            run.log
        )),
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Runs the solution's tests `runs` times for the run-time report; fails
/// only if they fail.
fn time(name: &str, dir: &Path, solution: Option<Vec<PathBuf>>, runs: usize) -> Result<(), String> {
    let mut fastest = Duration::MAX;
    for _ in 0..runs {
        let run = run_all(name, "solution", solution.as_deref())
            .map_err(|e| format!("{name}: solution: {e}"))?;
        if run.failed > 0 {
            return Err(format!(
                "{name}: its tests FAIL on the solution:\n{}",
                run.log
            ));
        }
        fastest = fastest.min(run.elapsed);
    }
    TIMES.lock().unwrap().push(TimeLine {
        name: name.to_owned(),
        time: fastest,
        budget: budget_in(dir),
    });
    Ok(())
}

/// The test executables of one build of an exercise, run one after another.
struct AllRun {
    /// How many executables failed.
    failed: usize,
    /// Their stdout and stderr.
    log: String,
    elapsed: Duration,
}

fn run_all(name: &str, build: &str, exes: Option<&[PathBuf]>) -> Result<AllRun, String> {
    let exes = exes.ok_or("cargo built no test executable")?;
    let start = Instant::now();
    let (mut failed, mut log) = (0, String::new());
    for exe in exes {
        let file = exe.file_name().unwrap_or_default().to_string_lossy();
        let what = format!("{name}'s tests on the {build} ({file})");
        let run = run_watched(exe, &watch(what, listings::QUIET)).map_err(|e| e.to_string())?;
        log += &run.stdout;
        log += &run.stderr;
        // A starter's tests that hang fail, as tests that fail do; the
        // reason is in the log.
        if let Some(reason) = run.stop_reason() {
            log += &format!("\n{reason}\n");
        }
        if !run.status.is_some_and(|s| s.success()) {
            failed += 1;
        }
    }
    Ok(AllRun {
        failed,
        log,
        elapsed: start.elapsed(),
    })
}

/// Adds up libtest's "N passed;" (or "N failed;") counts in `log`, as
/// "N test(s)".
fn count_tests(log: &str, word: &str) -> String {
    let n: usize = log
        .lines()
        .filter(|l| l.starts_with("test result:"))
        .filter_map(|l| {
            l.split(&format!(" {word}"))
                .next()?
                .rsplit(' ')
                .next()?
                .parse::<usize>()
                .ok()
        })
        .sum();
    format!("{n} test(s)")
}

/// Prints what each exercise showed or, after `--time-runs`, the run-time
/// report.
fn print_summary() {
    let mut shown = SHOWN.lock().unwrap().clone();
    if !shown.is_empty() {
        shown.sort();
        println!("\nexercises:");
        let width = shown.iter().map(|t| t.0.len()).max().unwrap_or(0);
        for (name, summary) in &shown {
            println!("  {name:width$}  {summary}");
        }
    }
    let mut times = TIMES.lock().unwrap().clone();
    if !times.is_empty() {
        times.sort_by(|a, b| a.name.cmp(&b.name));
        print!(
            "{}",
            time_report(
                "solution run times (each solution's fastest run of its tests)",
                &times
            )
        );
    }
}
