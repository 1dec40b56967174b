//! Runs every listing binary once, under a timeout, and checks its output
//! against what the listing guarantees (see `listing_tests::Check`).
//!
//! Each chapter's checks live in `chNN.rs` beside this file. A listing crate
//! without a check, or a check without a listing crate, is an error: nothing
//! slips through unrun.

mod ch01;
mod ch02;
mod ch03;
mod ch04;
mod ch05;
mod ch06;
mod ch07;
mod ch08;

use listing_tests::{Check, Listing, build_binaries, listing_dirs, run_with_timeout};
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
    ];
    let checks: Vec<&Listing> = chapters.iter().flat_map(|c| c.iter()).collect();
    let dirs = listing_dirs();
    let mut failures = Vec::new();

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

    println!(
        "running {} listing binaries (timeout {:?} each)",
        checks.len(),
        TIMEOUT
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
        let sample_path = dir.join("output.txt");
        let sample = std::fs::read_to_string(&sample_path).ok();
        let result = if run.status.is_none() {
            Err(format!(
                "did not finish within {TIMEOUT:?} and was killed (a hang?); stdout so far:\n{}",
                run.stdout
            ))
        } else {
            match (&listing.check, &sample) {
                (Check::Exact, None) => Err(format!(
                    "Check::Exact needs the expected stdout in {}",
                    sample_path.display()
                )),
                (Check::Exact, Some(expected)) => {
                    if !run.status.unwrap().success() {
                        Err(format!("exited with {}", run.status.unwrap()))
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
                (Check::Holds(check), sample) => check(&run.stdout, run.status)
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
        };
        match result {
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
