//! Every Rust block a reader sees in the book is compiled and run; this test
//! finds them all, in the book as `book-model` renders it (every include
//! expanded), names each after its line in the chapter source
//! (`chapter:line`), and sees that each kind is run where it is checked best:
//!
//! - a block that is a whole listing's program (`src/main.rs` as any include
//!   of it shows it) is that listing, which the listings test
//!   (`cargo test -p listings --test listings`) runs and whose output it
//!   checks; this test ties the block to it instead of running it twice
//!   (a block marked `should_panic` or `ignore` is never tied: skeptic
//!   honours the mark);
//! - every other block becomes the program skeptic's rules make of it and is
//!   compiled and run here by skeptic's runtime (with the listings'
//!   dependencies and its cache of compiled snippets), one trial per block:
//!   `cargo test -p book --test snippets ch05` runs chapter 5's;
//! - a `compile_fail` block is a trybuild case, proved in `tests/compile-fail`.
//!
//! A program skeptic runs is judged on progress: skeptic waits for it with no
//! hook of ours, so `support::child` watches it from outside and kills it
//! when it has written nothing for [`QUIET`], and the trial fails naming the
//! block and what its threads were waiting in. Compiling is not judged on
//! silence (rustc always ends); [`CAP`] bounds a whole trial as a last resort.
//!
//! Our own arguments, beside libtest's: `--book DIR` checks the book at DIR
//! (relative to the root) instead, and `--quiet-limit SECS` replaces
//! [`QUIET`]: `cargo xtask broken-book` proves the watchdog on a fixture book
//! with both.

use book::book_model::blocks::{Info, fenced_blocks};
use book::snippets::{listing_key, program, program_key};
use libtest_mimic::{Arguments, Failed, Trial};
use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;
use support::child::{Seen, watch_child};
use support::{Watch, checked_listings, workspace_root};

/// A snippet program that writes nothing for this long is taken to hang.
const QUIET: Duration = Duration::from_secs(30);
/// The last resort for a trial, compiling included, however much it writes.
const CAP: Duration = Duration::from_secs(120);

/// Our own arguments (see the module).
struct Own {
    book: Option<PathBuf>,
    quiet: Duration,
}

/// Takes our own arguments out of the command line; the rest is libtest's.
fn split_args(args: Vec<String>) -> Result<(Own, Vec<String>), String> {
    let mut own = Own {
        book: None,
        quiet: QUIET,
    };
    let mut rest = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (key, inline) = match arg.split_once('=') {
            Some((k, v)) => (k.to_owned(), Some(v.to_owned())),
            None => (arg.clone(), None),
        };
        if key != "--book" && key != "--quiet-limit" {
            rest.push(arg);
            continue;
        }
        let value = inline.or_else(|| args.next()).unwrap_or_default();
        if key == "--book" {
            own.book = Some(PathBuf::from(value));
        } else {
            let secs = value.parse().ok().filter(|&n: &u64| n > 0);
            own.quiet = Duration::from_secs(secs.ok_or(format!(
                "--quiet-limit takes a number of seconds above 0, not {value:?}"
            ))?);
        }
    }
    Ok((own, rest))
}

fn main() {
    let (own, args) = match split_args(std::env::args().collect()) {
        Ok(split) => split,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(101);
        }
    };
    let args = Arguments::from_iter(args);
    let loaded;
    let book = match &own.book {
        None => book::book(),
        Some(dir) => {
            loaded = book::book_model::Book::load(&workspace_root().join(dir))
                .map_err(|e| format!("{e:#}"));
            &loaded
        }
    };
    let book = match book {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(101);
        }
    };
    let listings = listing_programs();

    let mut trials = Vec::new();
    let (mut tied, mut compiled, mut trybuild, mut ignored) = (0, 0, 0, 0);
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
            // The listings test runs this very program and checks its output.
            let is_a_listing = listings.contains_key(&program_key(&program));
            if is_a_listing && !how.should_panic && !how.ignore {
                tied += 1;
                continue;
            }
            compiled += 1;
            ignored += usize::from(how.ignore);
            let ignore = how.ignore;
            let block = format!("block {name_of} ({name}:{line})");
            let quiet = own.quiet;
            let trial = Trial::test(name_of, move || run_block(&how, &program, &block, quiet));
            trials.push(trial.with_ignored_flag(ignore));
        }
    }
    if !args.list {
        println!(
            "the book shows {} Rust blocks in {} chapters: {compiled} are compiled and run by \
             skeptic here ({ignored} of them ignored), {tied} are whole listings (run and checked \
             by `cargo test -p listings --test listings`), {trybuild} must not compile \
             (trybuild)",
            tied + compiled + trybuild,
            book.chapters.len(),
        );
    }
    libtest_mimic::run(&args, trials).exit();
}

fn failing(name: String, message: String) -> Trial {
    Trial::test(name, move || Err(message.into()))
}

/// Every listing's program (as any include of it shows it) -> its package,
/// for the listings the listings test checks.
fn listing_programs() -> BTreeMap<String, String> {
    checked_listings()
        .into_values()
        .filter_map(|p| {
            let main = std::fs::read_to_string(p.dir.join("src/main.rs")).ok()?;
            Some((listing_key(&main), p.name))
        })
        .collect()
}

/// Compiles and runs one block with skeptic, one block at a time: the
/// watchdog picks the block's program out among this process's children,
/// and skeptic copies binaries in and out of its cache, so a program started
/// on another thread while such a copy is open for writing would inherit the
/// open file, and the copy's own start would fail with "Text file busy"
/// (ETXTBSY).
fn run_block(how: &Info, program: &str, block: &str, quiet: Duration) -> Result<(), Failed> {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    let what = format!("the program of {block}");
    let watch = Watch {
        what: what.clone(),
        quiet,
        cap: CAP,
    };
    let (program, no_run) = (program.to_owned(), how.no_run);
    let checked = no_run.then(|| CheckedBefore::of(&program));
    if checked.as_ref().is_some_and(CheckedBefore::holds) {
        return Ok(());
    }
    let watched = watch_child(&watch, is_a_skeptic_snippet, move || {
        let (root, out, target) = (
            env!("CARGO_MANIFEST_DIR"),
            env!("OUT_DIR"),
            env!("SNIPPET_TARGET"),
        );
        panic::catch_unwind(AssertUnwindSafe(|| {
            if no_run {
                skeptic::rt::compile_test(root, out, target, &program);
            } else {
                skeptic::rt::run_test(root, out, target, &program);
            }
        }))
        .map_err(|failure| panic_message(&failure))
    });
    // A program the watchdog stopped fails, `should_panic` or not.
    if let Some(reason) = watched.stop_reason() {
        return Err(reason.into());
    }
    match (watched.value, how.should_panic) {
        (Some(Ok(())), false) => {
            if let Some(checked) = checked {
                checked.record();
            }
            Ok(())
        }
        (Some(Err(_)), true) => Ok(()),
        (Some(Ok(())), true) => Err("the block is `should_panic`, but it ran to success".into()),
        (Some(Err(e)), false) => Err(failure(&e, block).into()),
        (None, _) => Err(format!("{what}: skeptic's runtime stopped without an answer").into()),
    }
}

/// A `no_run` block that compiled cleanly before, with the same dependencies.
///
/// skeptic keeps the programs it builds between runs, but checks a `no_run`
/// block with rustc every time. The key is the program's text and this test
/// binary: cargo relinks the binary whenever a crate the snippets can use (its
/// dependencies, skeptic's externs) or the compiler changes, which changes
/// the key of every block.
struct CheckedBefore(PathBuf);

impl CheckedBefore {
    fn of(program: &str) -> CheckedBefore {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        program.hash(&mut hasher);
        if let Ok(exe) = std::env::current_exe() {
            exe.hash(&mut hasher);
            if let Ok(meta) = std::fs::metadata(&exe) {
                (meta.len(), meta.modified().ok()).hash(&mut hasher);
            }
        }
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("snippets-checked");
        CheckedBefore(dir.join(format!("{:016x}", hasher.finish())))
    }

    fn holds(&self) -> bool {
        self.0.is_file()
    }

    fn record(&self) {
        if let Some(dir) = self.0.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = std::fs::write(&self.0, "");
    }
}

/// skeptic runs a snippet's program in the temporary folder it compiled it
/// in (`rust-skeptic...`); rustc runs where the test does.
fn is_a_skeptic_snippet(seen: &Seen) -> bool {
    seen.cwd
        .as_deref()
        .and_then(|dir| dir.file_name())
        .is_some_and(|name| name.to_string_lossy().starts_with("rust-skeptic"))
}

/// What skeptic's panic says, in words that name the block: skeptic reports
/// a failed step as the whole command it ran (for rustc, hundreds of
/// `--extern` arguments), after printing the step's own output, which is
/// where the compiler's errors or the program's panic are.
fn failure(panic: &str, block: &str) -> String {
    match panic.strip_prefix("Command failed:\n") {
        Some(command)
            if command
                .split(' ')
                .next()
                .is_some_and(|program| program.trim_matches('"').ends_with("rustc")) =>
        {
            format!("{block} does not compile: rustc's errors are printed above")
        }
        Some(_) => format!(
            "the program of {block} failed (a non-zero exit status): its output is printed above"
        ),
        None => format!("{block}: {panic}"),
    }
}

fn panic_message(failure: &Box<dyn std::any::Any + Send>) -> String {
    failure
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| failure.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "the snippet panicked".into())
}
