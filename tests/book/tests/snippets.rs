//! Every Rust block a reader sees in the book, compiled and run: one test per
//! block, named `chapter:line` after the block's fence in the chapter source
//! (`cargo test -p book --test snippets ch05` runs chapter 5's).
//!
//! The book is rendered in-process by mdBook's library (every include
//! expanded), and each Rust block becomes the program skeptic's rules make of
//! it. A block that is a whole listing file is the program cargo already built
//! as that listing, so its test runs cargo's binary instead of compiling it a
//! second time; every other block is compiled and run by skeptic's runtime
//! (with the listings' dependencies, and its cache of compiled snippets).

use book::book_model::blocks::{Info, fenced_blocks};
use book::snippets::{listing_key, program, program_key};
use libtest_mimic::{Arguments, Failed, Trial};
use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, PoisonError, RwLock, mpsc};
use std::thread;
use std::time::Duration;
use support::{Kind, packages_of};

/// Far more than any snippet needs (compiling one takes about a second).
const SNIPPET_TIMEOUT: Duration = Duration::from_secs(120);

fn main() {
    let mut args = Arguments::from_args();
    // Most of a run is spent waiting for programs that wait (timeouts, threads
    // handing over messages), so run more at once than there are cores.
    args.test_threads.get_or_insert(8);
    let book = match book::book() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(101);
        }
    };
    let listings = Arc::new(listing_programs());

    let mut trials = Vec::new();
    let (mut shared, mut compiled, mut trybuild, mut ignored) = (0, 0, 0, 0);
    for chapter in &book.chapters {
        let name = chapter.source.display().to_string();
        let stem = chapter.path.with_extension("").display().to_string();
        // Name each block after the line that shows it in the chapter source
        // (a directive, or a fence), which is where a reader or an author
        // looks; the rendered text has every include expanded.
        let source_lines: Vec<usize> = fenced_blocks(&chapter.expanded)
            .into_iter()
            .filter(|b| b.info().rust)
            .map(|b| chapter.source_line(b.line))
            .collect();
        let rust: Vec<_> = fenced_blocks(&chapter.rendered)
            .into_iter()
            .filter(|b| b.info().rust)
            .collect();
        if source_lines.len() != rust.len() {
            trials.push(failing(
                format!("{stem}:blocks"),
                format!(
                    "{name} has {} Rust blocks before its includes are expanded but mdBook \
                     renders {}: a block is hidden from (or added behind) the snippet check",
                    source_lines.len(),
                    rust.len()
                ),
            ));
        }
        // Several blocks of one directive share its line: number them.
        let mut seen: BTreeMap<usize, usize> = BTreeMap::new();
        for (i, block) in rust.iter().enumerate() {
            let line = source_lines.get(i).copied().unwrap_or(block.line);
            let nth = seen.entry(line).or_default();
            *nth += 1;
            let name_of = if *nth == 1 {
                format!("{stem}:{line}")
            } else {
                format!("{stem}:{line}.{nth}")
            };
            let how = block.info();
            if how.compile_fail {
                trybuild += 1; // tests/compile-fail proves these fail
                continue;
            }
            let program = match program(&how, &block.code) {
                Ok(p) => p,
                Err(e) => {
                    trials.push(failing(name_of, format!("{name}:{line}: {e}")));
                    continue;
                }
            };
            let listing = listings.get(&program_key(&program)).cloned();
            match &listing {
                Some(_) => shared += 1,
                None => compiled += 1,
            }
            ignored += usize::from(how.ignore);
            let ignore = how.ignore;
            let trial = Trial::test(name_of, move || {
                run_block(&how, &program, listing.as_deref())
            });
            trials.push(trial.with_ignored_flag(ignore));
        }
    }
    if !args.list {
        println!(
            "the book shows {} Rust blocks in {} chapters: {shared} are whole listings (cargo's \
             binary runs), {compiled} are compiled and run by skeptic, {trybuild} must not \
             compile (trybuild), {ignored} ignored",
            shared + compiled + trybuild,
            book.chapters.len(),
        );
    }
    libtest_mimic::run(&args, trials).exit();
}

fn failing(name: String, message: String) -> Trial {
    Trial::test(name, move || Err(message.into()))
}

/// Every listing's program (as any include of it shows it) -> its package.
fn listing_programs() -> BTreeMap<String, String> {
    packages_of(Kind::Listing)
        .into_values()
        .filter_map(|p| {
            let main = std::fs::read_to_string(p.dir.join("src/main.rs")).ok()?;
            Some((listing_key(&main), p.name))
        })
        .collect()
}

/// Runs one block: cargo's binary when it is a listing (once per listing, and
/// side by side with other listings), skeptic otherwise, alone. skeptic copies
/// binaries in and out of its cache; a program started on another thread
/// while such a copy is open for writing would inherit the open file, and the
/// copy's own start would fail with "Text file busy" (ETXTBSY).
fn run_block(how: &Info, program: &str, listing: Option<&str>) -> Result<(), Failed> {
    static STARTING_PROGRAMS: RwLock<()> = RwLock::new(());
    let outcome = match listing {
        Some(package) => {
            let _shared = STARTING_PROGRAMS
                .read()
                .unwrap_or_else(PoisonError::into_inner);
            listing_outcome(package)
        }
        None => {
            let _alone = STARTING_PROGRAMS
                .write()
                .unwrap_or_else(PoisonError::into_inner);
            run_with_skeptic(how, program)
        }
    };
    match (outcome, how.should_panic) {
        (Ok(()), false) | (Err(_), true) => Ok(()),
        (Ok(()), true) => Err("the block is `should_panic`, but it ran to success".into()),
        (Err(e), false) => Err(e.into()),
    }
}

fn run_with_skeptic(how: &Info, program: &str) -> Result<(), String> {
    let program = program.to_string();
    let no_run = how.no_run;
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || {
        let (root, out, target) = (
            env!("CARGO_MANIFEST_DIR"),
            env!("OUT_DIR"),
            env!("SNIPPET_TARGET"),
        );
        let result = panic::catch_unwind(AssertUnwindSafe(|| {
            if no_run {
                skeptic::rt::compile_test(root, out, target, &program);
            } else {
                skeptic::rt::run_test(root, out, target, &program);
            }
        }));
        let _ = done_tx.send(result);
    });
    match done_rx.recv_timeout(SNIPPET_TIMEOUT) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(failure)) => Err(panic_message(&failure)),
        Err(_) => Err(format!(
            "the snippet did not finish within {SNIPPET_TIMEOUT:?}: does it hang?"
        )),
    }
}

fn panic_message(failure: &Box<dyn std::any::Any + Send>) -> String {
    failure
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| failure.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "the snippet panicked".into())
}

/// The listings' binaries, built once per run (a no-op when cargo is up to date).
fn listing_binaries() -> &'static Result<BTreeMap<String, PathBuf>, String> {
    static BINS: OnceLock<Result<BTreeMap<String, PathBuf>, String>> = OnceLock::new();
    BINS.get_or_init(support::build_listing_binaries)
}

/// A listing several blocks show runs once; each of those blocks gets its result.
fn listing_outcome(package: &str) -> Result<(), String> {
    type Outcomes = BTreeMap<String, Arc<OnceLock<Result<(), String>>>>;
    static OUTCOMES: Mutex<Outcomes> = Mutex::new(BTreeMap::new());
    let slot = Arc::clone(
        OUTCOMES
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(package.to_string())
            .or_default(),
    );
    slot.get_or_init(|| run_listing(package)).clone()
}

/// Whether the package's program starts a nats-server (through `broker`).
fn needs_nats_server(package: &str) -> bool {
    support::metadata()
        .packages
        .iter()
        .any(|p| p.name.as_str() == package && p.dependencies.iter().any(|d| d.name == "broker"))
}

fn run_listing(package: &str) -> Result<(), String> {
    let bins = listing_binaries().as_ref().map_err(Clone::clone)?;
    let exe = bins
        .get(package)
        .ok_or_else(|| format!("cargo built no binary for {package}"))?;
    if needs_nats_server(package)
        && let Err(why) = broker::nats_server()
    {
        eprintln!("{package}: {}", broker::skip_line(&why));
        return Ok(());
    }
    // Judged on progress: a listing that writes nothing for this long hangs.
    let watch = support::Watch {
        what: format!("{package} (this block's listing)"),
        quiet: Duration::from_secs(30),
        cap: SNIPPET_TIMEOUT,
    };
    let mut cmd = std::process::Command::new(exe);
    cmd.env_remove("RUST_BACKTRACE");
    let run = support::run_watched(cmd, &watch)
        .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    match run.status {
        Some(status) if status.success() => Ok(()),
        Some(status) => Err(format!(
            "{package} (this block is its whole program) exited with {status}\n--- stderr\n{}",
            run.stderr
        )),
        None => Err(run.stop_reason().unwrap_or_default()),
    }
}
