//! Runs every listing binary once, under a timeout, and checks its output
//! against what the listing guarantees (see `listing_tests::Check`).
//!
//! Each chapter's checks live in `chNN.rs` beside this file. A listing crate
//! without a check, or a check without a listing crate, is an error: nothing
//! slips through unrun.
//!
//! With `STRESS_RUNS=N` set (see `.ci/stress`) it becomes the stress runner:
//! every listing runs N times on all cores and N times pinned to one core.

mod ch01;
mod ch02;
mod ch03;
mod ch04;
mod ch05;
mod ch06;
mod ch07;
mod ch08;
mod ch09;
mod ch10;
mod ch11;
mod ch12;
mod ch13;
mod ch14;
mod ch15;
mod ch16;
mod ch17;
mod ch18;
mod ch19;
mod ch20;

use listing_tests::{
    Check, Listing, Run, build_binaries, listing_dirs, run_on_one_core, run_with_timeout,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

/// A listing that has not finished after this long is taken to hang. Listings
/// finish in well under a second; this only keeps a hang from stalling CI.
const TIMEOUT: Duration = Duration::from_secs(10);

fn main() -> ExitCode {
    let chapters: &[&[Listing]] = &[
        ch01::LISTINGS,
        ch02::LISTINGS,
        ch03::LISTINGS,
        ch04::LISTINGS,
        ch05::LISTINGS,
        ch06::LISTINGS,
        ch07::LISTINGS,
        ch08::LISTINGS,
        ch09::LISTINGS,
        ch10::LISTINGS,
        ch11::LISTINGS,
        ch12::LISTINGS,
        ch13::LISTINGS,
        ch14::LISTINGS,
        ch15::LISTINGS,
        ch16::LISTINGS,
        ch17::LISTINGS,
        ch18::LISTINGS,
        ch19::LISTINGS,
        ch20::LISTINGS,
    ];
    let checks: Vec<&Listing> = chapters.iter().flat_map(|c| c.iter()).collect();
    let dirs = listing_dirs();
    let mut failures: Vec<String> = Vec::new();

    // Every listing crate has exactly one check, and every check a crate.
    for name in dirs.keys() {
        match checks.iter().filter(|l| l.package == name).count() {
            1 => {}
            0 => failures.push(format!(
                "{name}: listing has no output check (add one to tests/listings/tests/chNN.rs)"
            )),
            n => failures.push(format!("{name}: listing has {n} output checks, expected 1")),
        }
    }
    for l in &checks {
        if !dirs.contains_key(l.package) {
            failures.push(format!(
                "{}: check names no listing crate under listings/",
                l.package
            ));
        }
    }

    let bins = match build_binaries() {
        Ok(bins) => bins,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };

    if let Some(runs) = stress_runs() {
        return stress(&checks, &dirs, &bins, runs, failures);
    }

    println!(
        "running {} listing binaries (timeout {TIMEOUT:?} each)",
        checks.len()
    );
    let mut passed = 0;
    let mut slowest = (Duration::ZERO, "");
    for listing in &checks {
        let name = listing.package;
        let Some(dir) = dirs.get(name) else { continue };
        let Some(exe) = bins.get(name) else {
            failures.push(format!("{name}: cargo built no binary for this package"));
            continue;
        };
        let run = match run_with_timeout(exe, TIMEOUT) {
            Ok(run) => run,
            Err(e) => {
                failures.push(format!("{name}: could not run {}: {e}", exe.display()));
                continue;
            }
        };
        if run.elapsed > slowest.0 {
            slowest = (run.elapsed, name);
        }
        match judge(listing, dir, &run) {
            Ok(()) => {
                passed += 1;
                println!("listing {name} ... ok ({} ms)", run.elapsed.as_millis());
            }
            Err(e) => {
                println!("listing {name} ... FAILED ({} ms)", run.elapsed.as_millis());
                failures.push(format!("{name}: {e}\n--- stderr\n{}", run.stderr));
            }
        }
    }

    println!(
        "slowest listing: {} ({} ms)",
        slowest.1,
        slowest.0.as_millis()
    );
    for f in &failures {
        eprintln!("\nerror: {f}");
    }
    println!("\nlistings: {passed} passed, {} failed", failures.len());
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Judges one run of a listing by its check (and checks the sample it shows).
fn judge(listing: &Listing, dir: &Path, run: &Run) -> Result<(), String> {
    let sample_path = dir.join("output.txt");
    let sample = std::fs::read_to_string(&sample_path).ok();
    let Some(status) = run.status else {
        return Err(format!(
            "did not finish within {TIMEOUT:?} and was killed (a hang?); stdout so far:\n{}",
            run.stdout
        ));
    };
    match (&listing.check, &sample) {
        (Check::Exact, None) => Err(format!(
            "Check::Exact needs the expected stdout in {}",
            sample_path.display()
        )),
        (Check::Exact, Some(expected)) => {
            if !status.success() {
                Err(format!("exited with {status}"))
            } else if &run.stdout != expected {
                Err(format!(
                    "stdout differs from {}\n--- expected\n{expected}--- actual\n{}",
                    sample_path.display(),
                    run.stdout
                ))
            } else {
                Ok(())
            }
        }
        (Check::Holds(check), sample) => check(&run.stdout, Some(status))
            .map_err(|e| format!("{e}\n--- stdout\n{}", run.stdout))
            .and_then(|()| match sample {
                Some(s) => check(s, None).map_err(|e| {
                    format!(
                        "the sample output the book shows ({}) is not a possible run: {e}",
                        sample_path.display()
                    )
                }),
                None => Ok(()),
            }),
    }
}

/// `STRESS_RUNS=N` turns this test into the stress runner (`.ci/stress`).
fn stress_runs() -> Option<usize> {
    let value = std::env::var("STRESS_RUNS").ok()?;
    Some(
        value
            .parse()
            .unwrap_or_else(|_| panic!("STRESS_RUNS must be a number of runs, not {value:?}")),
    )
}

type Runner = fn(&Path, Duration) -> std::io::Result<Run>;

/// Runs every listing `runs` times on all cores and `runs` times pinned to one
/// core, judging each run by the listing's own check. One core makes threads
/// take turns, which brings out orders that two cores rarely produce.
fn stress(
    checks: &[&Listing],
    dirs: &BTreeMap<String, PathBuf>,
    bins: &BTreeMap<String, PathBuf>,
    runs: usize,
    mut failures: Vec<String>,
) -> ExitCode {
    println!(
        "stress: {} listings, each run {runs} times on all cores and {runs} times on one core \
         (timeout {TIMEOUT:?} per run)",
        checks.len()
    );
    // Listings missing a check (found before we got here) count as failed.
    let unchecked = failures.len();
    let mut clean = 0;
    for listing in checks {
        let name = listing.package;
        let (Some(dir), Some(exe)) = (dirs.get(name), bins.get(name)) else {
            failures.push(format!("{name}: no binary to run"));
            continue;
        };
        let mut line = format!("listing {name}:");
        let mut listing_ok = true;
        let modes: [(&str, Runner); 2] = [
            ("all cores", run_with_timeout),
            ("one core", run_on_one_core),
        ];
        for (mode, runner) in modes {
            let (mut ok, mut slowest, mut first_failure) = (0, Duration::ZERO, None);
            for i in 0..runs {
                let result = runner(exe, TIMEOUT)
                    .map_err(|e| format!("could not run: {e}"))
                    .and_then(|run| {
                        slowest = slowest.max(run.elapsed);
                        judge(listing, dir, &run)
                            .map_err(|e| format!("{e}\n--- stderr\n{}", run.stderr))
                    });
                match result {
                    Ok(()) => ok += 1,
                    Err(e) if first_failure.is_none() => first_failure = Some((i + 1, e)),
                    Err(_) => {}
                }
            }
            line += &format!(
                " {mode} {ok}/{runs} ok (slowest {} ms);",
                slowest.as_millis()
            );
            if let Some((run, e)) = first_failure {
                listing_ok = false;
                failures.push(format!(
                    "{name}, {mode}: {} of {runs} runs failed; the first (run {run}): {e}",
                    runs - ok
                ));
            }
        }
        println!("{line}");
        clean += usize::from(listing_ok);
    }
    for f in &failures {
        eprintln!("\nerror: {f}");
    }
    println!(
        "\nstress: {clean} passed, {} failed",
        checks.len() - clean + unchecked
    );
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
