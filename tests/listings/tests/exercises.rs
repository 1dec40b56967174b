//! Proves every exercise is a real task: its tests FAIL on the starter code a
//! learner gets and PASS on the solution the book shows (as rustlings'
//! `--require-solutions` does), and both files are formatted.
//!
//! An exercise crate (`listings/chNN-.../exercise-NN-what/`) builds its starter
//! by default and its solution with `--features solution`; `tests/` define done.

use listing_tests::{build_test_executables, exercise_dirs, run_with_timeout};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::thread;
use std::time::Duration;

/// Exercise tests bound their own waits; this only stops a starter that hangs.
const TIMEOUT: Duration = Duration::from_secs(20);

fn main() -> ExitCode {
    let exercises = exercise_dirs();
    let names: Vec<&str> = exercises.keys().map(String::as_str).collect();
    if names.is_empty() {
        println!("no exercises yet");
        return ExitCode::SUCCESS;
    }

    let solution_features: Vec<String> = names.iter().map(|n| format!("{n}/solution")).collect();
    let built = build_test_executables(&names, &[])
        .and_then(|starter| Ok((starter, build_test_executables(&names, &solution_features)?)));
    let (starter, solution) = match built {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };

    println!(
        "checking {} exercises: tests must fail on the starter and pass on the solution",
        names.len()
    );
    // Starter tests mostly wait for bounded timeouts, so check the exercises
    // side by side rather than one after another.
    let results: Vec<(&String, Result<String, Vec<String>>)> = thread::scope(|s| {
        let handles: Vec<_> = exercises
            .iter()
            .map(|(name, dir)| {
                let (starter, solution) = (starter.get(name), solution.get(name));
                (name, s.spawn(move || check(dir, starter, solution)))
            })
            .collect();
        handles
            .into_iter()
            .map(|(name, h)| (name, h.join().expect("checking an exercise panicked")))
            .collect()
    });

    let mut failures = Vec::new();
    for (name, result) in &results {
        match result {
            Ok(summary) => println!("exercise {name} ... ok ({summary})"),
            Err(problems) => {
                println!("exercise {name} ... FAILED");
                failures.extend(problems.iter().map(|p| format!("{name}: {p}")));
            }
        }
    }
    for f in &failures {
        eprintln!("\nerror: {f}");
    }
    let failed = results.iter().filter(|(_, r)| r.is_err()).count();
    println!(
        "\nexercises: {} passed, {failed} failed",
        results.len() - failed
    );
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Checks one exercise; `Ok` carries a summary, `Err` what is wrong.
fn check(
    dir: &Path,
    starter: Option<&Vec<PathBuf>>,
    solution: Option<&Vec<PathBuf>>,
) -> Result<String, Vec<String>> {
    let mut problems = Vec::new();
    for file in ["src/starter.rs", "src/solution.rs"] {
        if !dir.join(file).exists() {
            problems.push(format!("{file} is missing"));
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
            "starter or solution is not formatted (run `cargo fmt`):\n{}",
            String::from_utf8_lossy(&o.stdout)
        )),
        Err(e) => problems.push(format!("cannot run rustfmt: {e}")),
    }

    let mut summary = String::new();
    match run_all(starter) {
        Err(e) => problems.push(format!("starter: {e}")),
        Ok((0, log)) => problems.push(format!(
            "its tests PASS on the starter code, so the exercise asks nothing:\n{log}"
        )),
        Ok((_, log)) => {
            summary += &format!("starter fails {} test(s)", count_tests(&log, "failed;"));
        }
    }
    match run_all(solution) {
        Err(e) => problems.push(format!("solution: {e}")),
        Ok((0, log)) => summary += &format!(", solution passes {}", count_tests(&log, "passed;")),
        Ok((_, log)) => problems.push(format!("its tests FAIL on the solution:\n{log}")),
    }
    if problems.is_empty() {
        Ok(summary)
    } else {
        Err(problems)
    }
}

/// Runs every test executable; returns how many failed, and their output.
fn run_all(exes: Option<&Vec<PathBuf>>) -> Result<(usize, String), String> {
    let exes = exes.ok_or("cargo built no test executable")?;
    let (mut failed, mut log) = (0, String::new());
    for exe in exes {
        let run = run_with_timeout(exe, TIMEOUT).map_err(|e| e.to_string())?;
        log += &run.stdout;
        log += &run.stderr;
        if !run.status.is_some_and(|s| s.success()) {
            failed += 1;
        }
    }
    Ok((failed, log))
}

/// Adds up libtest's "N passed;" (or "N failed;") counts in `log`.
fn count_tests(log: &str, word: &str) -> usize {
    log.lines()
        .filter(|l| l.starts_with("test result:"))
        .filter_map(|l| {
            l.split(&format!(" {word}"))
                .next()?
                .rsplit(' ')
                .next()?
                .parse::<usize>()
                .ok()
        })
        .sum()
}
