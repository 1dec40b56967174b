//! Proves every exercise is a real task: its tests FAIL on the starter code a
//! learner gets and PASS on the solution the book shows (as rustlings'
//! `--require-solutions` does), and both files are formatted.
//!
//! An exercise crate (`listings/chNN-.../exercise-NN-what/`) builds its starter
//! by default and its solution with `--features solution`; `tests/` define done.

use listing_tests::{build_test_executables, exercise_dirs, run_with_timeout};
use std::process::{Command, ExitCode};
use std::time::Duration;

/// Exercise tests bound their own waits; this only stops a starter that hangs.
const TIMEOUT: Duration = Duration::from_secs(20);

fn main() -> ExitCode {
    let exercises = exercise_dirs();
    let names: Vec<&str> = exercises.keys().map(String::as_str).collect();
    let mut failures = Vec::new();
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
    let mut passed = 0;
    for (name, dir) in &exercises {
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

        let run_all =
            |exes: Option<&Vec<std::path::PathBuf>>| -> Result<(usize, usize, String), String> {
                let exes = exes.ok_or("cargo built no test executable")?;
                let (mut ok, mut failed, mut log) = (0, 0, String::new());
                for exe in exes {
                    let run = run_with_timeout(exe, TIMEOUT).map_err(|e| e.to_string())?;
                    log += &run.stdout;
                    log += &run.stderr;
                    match run.status {
                        None => failed += 1,
                        Some(s) if s.success() => ok += 1,
                        Some(_) => failed += 1,
                    }
                }
                Ok((ok, failed, log))
            };
        let count_tests = |log: &str, word: &str| -> usize {
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
        };

        let mut summary = String::new();
        match run_all(starter.get(name)) {
            Err(e) => problems.push(format!("starter: {e}")),
            Ok((_, 0, log)) => problems.push(format!(
                "its tests PASS on the starter code, so the exercise asks nothing:\n{log}"
            )),
            Ok((_, _, log)) => {
                summary += &format!("starter fails {} test(s)", count_tests(&log, "failed;"));
            }
        }
        match run_all(solution.get(name)) {
            Err(e) => problems.push(format!("solution: {e}")),
            Ok((_, 0, log)) => {
                summary += &format!(", solution passes {}", count_tests(&log, "passed;"));
            }
            Ok((_, _, log)) => problems.push(format!("its tests FAIL on the solution:\n{log}")),
        }
        if problems.is_empty() {
            passed += 1;
            println!("exercise {name} ... ok ({summary})");
        } else {
            println!("exercise {name} ... FAILED");
            for p in problems {
                failures.push(format!("{name}: {p}"));
            }
        }
    }
    for f in &failures {
        eprintln!("\nerror: {f}");
    }
    println!(
        "\nexercises: {passed} passed, {} failed",
        exercises.len() - passed
    );
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
