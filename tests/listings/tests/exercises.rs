//! Proves every exercise is a real task: its tests FAIL on the starter code a
//! learner gets and PASS on the solution the book shows (as rustlings'
//! `--require-solutions` does), both files are formatted, and the solution's
//! tests pass within its time budget (300 ms unless a `budget.txt` in the
//! exercise's folder declares `<N> ms` and the reason; judged on the fastest
//! of up to five runs when the first is over).
//!
//! One trial per exercise, named by its package:
//! `cargo test -p listings --test exercises exercise-03-fan-in`.
//!
//! An exercise crate (`listings/chNN-.../exercise-NN-what/`) builds its starter
//! by default and its solution with `--features solution`; `tests/` define done.

use libtest_mimic::{Arguments, Failed, Trial};
use listings::{Budget, budget_in, fastest_within, run_with_timeout};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use support::{Kind, cargo_executables, packages_of};

/// Exercise tests bound their own waits; this only stops a starter that hangs.
const TIMEOUT: Duration = Duration::from_secs(20);

/// Per exercise: what it showed, the solution's fastest time and its budget.
static TIMES: Mutex<Vec<(String, String, Duration, Duration)>> = Mutex::new(Vec::new());

fn main() -> ExitCode {
    let mut args = Arguments::from_args();
    let exercises = packages_of(Kind::Exercise);
    // A starter's failing tests mostly wait out their bounded timeouts (up to
    // a few seconds), using no CPU: so unless told otherwise, check every
    // exercise at once. Each runs its own processes and shares no files.
    if args.test_threads.is_none() {
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
                check(&name, &dir, starter, solution)
                    .map_err(|problems| Failed::from(problems.join("\n")))
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
    let budget = budget_in(dir).map_err(|e| vec![format!("{name}: {e}")])?;

    let mut summary = String::new();
    match run_all(starter.as_deref()) {
        Err(e) => problems.push(format!("{name}: starter: {e}")),
        Ok(run) if run.failed == 0 => problems.push(format!(
            "{name}: its tests PASS on the starter code, so the exercise asks nothing:\n{}",
            run.log
        )),
        Ok(run) => {
            summary += &format!("starter fails {}", count_tests(&run.log, "failed;"));
        }
    }
    match run_all(solution.as_deref()) {
        Err(e) => problems.push(format!("{name}: solution: {e}")),
        Ok(run) if run.failed == 0 => {
            summary += &format!(", solution passes {}", count_tests(&run.log, "passed;"));
            match solution_time(solution.as_deref(), &budget, run.elapsed) {
                Ok(fastest) => {
                    TIMES
                        .lock()
                        .unwrap()
                        .push((name.to_owned(), summary, fastest, budget.limit))
                }
                Err(e) => problems.push(format!("{name}: solution: {e}")),
            }
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

/// The solution's time judged against its budget (rerun only if over).
fn solution_time(
    solution: Option<&[PathBuf]>,
    budget: &Budget,
    first: Duration,
) -> Result<Duration, String> {
    fastest_within(budget, first, || {
        let run = run_all(solution)?;
        if run.failed > 0 {
            return Err(format!("its tests FAIL on a rerun:\n{}", run.log));
        }
        Ok(run.elapsed)
    })
}

/// The test executables of one build of an exercise, run one after another.
struct AllRun {
    /// How many executables failed.
    failed: usize,
    /// Their stdout and stderr.
    log: String,
    elapsed: Duration,
}

fn run_all(exes: Option<&[PathBuf]>) -> Result<AllRun, String> {
    let exes = exes.ok_or("cargo built no test executable")?;
    let start = Instant::now();
    let (mut failed, mut log) = (0, String::new());
    for exe in exes {
        let run = run_with_timeout(exe, TIMEOUT).map_err(|e| e.to_string())?;
        log += &run.stdout;
        log += &run.stderr;
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

/// Prints each exercise's result and its solution's time, the slowest and
/// the total.
fn print_summary() {
    let mut times = TIMES.lock().unwrap().clone();
    if times.is_empty() {
        return;
    }
    times.sort();
    println!(
        "\nexercises (the solution's time is its fastest run when the first was over budget):"
    );
    let width = times.iter().map(|t| t.0.len()).max().unwrap_or(0);
    for (name, summary, time, budget) in &times {
        println!(
            "  {name:width$}  {summary}; in {} ms (budget {} ms)",
            time.as_millis(),
            budget.as_millis()
        );
    }
    let (name, _, time, budget) = times.iter().max_by_key(|t| t.2).unwrap();
    let total: Duration = times.iter().map(|t| t.2).sum();
    println!(
        "slowest solution: {name} ({} ms of its {} ms budget)\n\
         all {} solutions: {} ms in total",
        time.as_millis(),
        budget.as_millis(),
        times.len(),
        total.as_millis()
    );
}
