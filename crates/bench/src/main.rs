//! Chapter 20's benchmark, its one entry point.
//!
//!     cargo run --release -p bench -- --smoke       # every channel delivers every message
//!     cargo run --release -p bench -- --rounds 20   # the full run: writes src/data, src/img
//!     cargo run --release -p bench                  # the same, with the default rounds
//!     cargo run --release -p bench -- --report      # figures and charts from the data again

use bench::{report, rounds};
use clap::Parser;
use std::process::ExitCode;
use std::time::Instant;

/// Chapter 20's benchmark: std's channels, crossbeam-channel, flume, tokio's
/// mpsc and the book's own, in interleaved rounds.
#[derive(Parser)]
#[command(name = "bench")]
#[command(group(clap::ArgGroup::new("mode").args(["smoke", "rounds", "report"])))]
struct Args {
    /// Run every channel and workload once with a few thousand messages and
    /// check that every message arrived; measures nothing.
    #[arg(long)]
    smoke: bool,
    /// Measure this many interleaved rounds, then write the rounds, the
    /// figures and the charts (the default mode, with the default rounds).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(rounds::MIN_ROUNDS as i64..))]
    rounds: Option<u32>,
    /// Rewrite the figures and charts from the rounds in src/data.
    #[arg(long)]
    report: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let root = report::workspace_root();
    let mut log = |line: &str| eprintln!("{line}");
    if args.smoke {
        let start = Instant::now();
        let done = rounds::smoke(&mut log);
        eprintln!(
            "smoke test passed: {} throughput runs and {} ping-pong runs delivered every message in {:.1} s",
            done.throughput.len(),
            done.latency.len(),
            start.elapsed().as_secs_f64()
        );
        return ExitCode::SUCCESS;
    }
    let result = if !args.report {
        let n = args.rounds.unwrap_or(rounds::DEFAULT_ROUNDS);
        let (started, clock) = (rounds::unix_now(), Instant::now());
        let measured = rounds::measure(n as usize, rounds::Scale::FULL, &mut log);
        let run = report::run_info(&root, started, clock.elapsed().as_secs_f64(), n as usize);
        report::write(&root, &measured, &run)
    } else {
        match report::load(&root) {
            Ok((measured, run)) => report::regenerate(&root, &measured, &run),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    };
    match result {
        Ok(written) => {
            for path in written {
                eprintln!("wrote {path}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
