//! Runs every listing binary under a progress watchdog and checks its
//! output. One trial per listing, named by its package:
//! `cargo test -p listings --test listings listing-02-01-first-message`.
//!
//! A listing is deterministic by default: its stdout must equal the
//! `output.txt` beside it (a snapbox snapshot, compared exactly), and it must
//! exit successfully. Only a listing whose output varies has code here: a
//! property check in `chNN.rs` (registered in its `PROPERTIES`), which every
//! run must satisfy and which must accept the `output.txt` sample too, if the
//! listing has one (the book never shows an impossible run). A listing with
//! neither fails.
//!
//! No trial here judges time, which a loaded machine would make flaky. A
//! listing that writes nothing for 30 s is taken to hang: it is killed and
//! its trial fails naming it. That listings stay quick is checked on their
//! sources instead: no listing sleeps for a second or more
//! (`listings::sleeps`). Run times are reported, against each listing's
//! budget (300 ms unless a `budget.txt` beside it declares `<N> ms` and the
//! reason), by the stress runs below; a trial only checks that a
//! `budget.txt` reads.
//!
//! Other ways to run it:
//!
//! - `SNAPSHOTS=overwrite` (snapbox's own switch; `cargo xtask bless [FILTER]`
//!   sets it) records the output of every deterministic listing the filter
//!   selects in its `output.txt`; review the change with `git diff`.
//!   Listings with a property check are checked as usual, never rewritten.
//! - `-- --stress-runs N` (`cargo xtask stress --runs N`) runs every listing
//!   N times on all cores and N times pinned to one core, judging each run;
//!   the trials are `NAME::all-cores` and `NAME::one-core`. It ends with the
//!   run-time report: each listing's fastest run on all cores against its
//!   budget (a report, not a verdict: it never fails the run).
//! - `-- --listings-under DIR` checks the packages under DIR instead of the
//!   book's listings: `cargo xtask broken-book` proves the failures on the
//!   broken fixtures under `tests/broken-book/fixtures/listings`.
//! - `-- --quiet-limit SECS` takes a listing that writes nothing for SECS to
//!   hang, instead of 30 s (broken-book's hanging fixture uses it).

mod ch03;
mod ch05;
mod ch06;
mod ch07;
mod ch09;
mod ch10;
mod ch11;
mod ch12;
mod ch13;
mod ch14;
mod ch16;
mod ch18;
mod ch21;
mod ch22;

use libtest_mimic::{Arguments, Failed, Trial};
use listings::sleeps::long_sleeps;
use listings::{
    Property, Run, TimeLine, Watch, budget_in, run_watched, run_watched_on_one_core, time_report,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Duration;
use support::{build_binaries, checked_listings, packages, workspace_root};

/// Every property check, by listing package.
fn properties() -> Vec<(&'static str, Property)> {
    [
        ch03::PROPERTIES,
        ch05::PROPERTIES,
        ch06::PROPERTIES,
        ch07::PROPERTIES,
        ch09::PROPERTIES,
        ch10::PROPERTIES,
        ch11::PROPERTIES,
        ch12::PROPERTIES,
        ch13::PROPERTIES,
        ch14::PROPERTIES,
        ch16::PROPERTIES,
        ch18::PROPERTIES,
        ch21::PROPERTIES,
        ch22::PROPERTIES,
    ]
    .concat()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Check,
    Bless,
    Stress(usize),
}

/// Our own arguments, beside libtest's.
#[derive(Default)]
struct Own {
    /// `--stress-runs N`.
    stress_runs: Option<usize>,
    /// `--listings-under DIR`: check the packages under DIR (relative to the
    /// root) instead of the book's listings; the broken-book fixtures use it.
    listings_under: Option<PathBuf>,
    /// `--quiet-limit SECS`: how long a listing may write nothing.
    quiet: Option<Duration>,
}

/// Takes our own arguments out of the command line; the rest is libtest's
/// (filters, `--list`, ...).
fn split_args(args: Vec<String>) -> Result<(Own, Vec<String>), String> {
    let mut rest = Vec::new();
    let mut own = Own::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (key, inline) = match arg.split_once('=') {
            Some((k, v)) => (k.to_owned(), Some(v.to_owned())),
            None => (arg.clone(), None),
        };
        if !["--stress-runs", "--listings-under", "--quiet-limit"].contains(&key.as_str()) {
            rest.push(arg);
            continue;
        }
        let value = inline.or_else(|| args.next()).unwrap_or_default();
        if key == "--stress-runs" {
            let runs = value.parse().ok().filter(|&n: &usize| n > 0);
            own.stress_runs = Some(runs.ok_or(format!(
                "--stress-runs takes a number of runs above 0, not {value:?}"
            ))?);
        } else if key == "--quiet-limit" {
            let secs = value.parse().ok().filter(|&n: &u64| n > 0);
            own.quiet = Some(Duration::from_secs(secs.ok_or(format!(
                "--quiet-limit takes a number of seconds above 0, not {value:?}"
            ))?));
        } else {
            own.listings_under = Some(PathBuf::from(value));
        }
    }
    Ok((own, rest))
}

fn snapshots() -> snapbox::Assert {
    snapbox::Assert::new().action_env(snapbox::assert::DEFAULT_ACTION_ENV)
}

fn mode(stress: Option<usize>) -> Result<Mode, String> {
    let bless = snapshots().selected_action() == snapbox::assert::Action::Overwrite;
    match (bless, stress) {
        (true, Some(_)) => Err("stress runs never re-record outputs: unset SNAPSHOTS".into()),
        (true, None) => Ok(Mode::Bless),
        (false, Some(runs)) => Ok(Mode::Stress(runs)),
        (false, None) => Ok(Mode::Check),
    }
}

/// What the trials report for the summary printed at the end.
static REPORT: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());
/// From the stress runs: each listing's fastest run on all cores, and its
/// budget (or why it has none).
static TIMES: Mutex<Vec<TimeLine>> = Mutex::new(Vec::new());

fn report(name: &str, line: String) {
    REPORT.lock().unwrap().push((name.to_owned(), line));
}

fn main() -> ExitCode {
    let (own, args) = match split_args(std::env::args().collect()) {
        Ok(split) => split,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let args = Arguments::from_iter(args);
    let mode = match mode(own.stress_runs) {
        Ok(mode) => mode,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let listings = match &own.listings_under {
        None => checked_listings(),
        Some(dir) => {
            let dir = workspace_root().join(dir);
            packages()
                .iter()
                .filter(|(_, p)| p.dir.starts_with(&dir))
                .map(|(n, p)| (n.clone(), p.clone()))
                .collect()
        }
    };
    let properties = properties();

    // Building is a no-op when nothing changed; `--list` needs no binaries.
    let bins = if args.list {
        BTreeMap::new()
    } else {
        match build_binaries(&listings) {
            Ok(bins) => bins,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    };

    // The registry is the book's: fixtures are checked without it.
    let mut trials = Vec::new();
    if own.listings_under.is_none() {
        trials.push(registry_trial(&properties, &listings));
    }
    for (name, package) in &listings {
        let property = properties.iter().find(|(p, _)| p == name).map(|(_, f)| *f);
        let listing = Listing {
            name: name.clone(),
            dir: package.dir.clone(),
            exe: bins.get(name).cloned(),
            property,
            quiet: own.quiet.unwrap_or(listings::QUIET),
        };
        match mode {
            Mode::Stress(runs) => {
                for (label, runner) in [
                    ("all-cores", run_watched as Runner),
                    ("one-core", run_watched_on_one_core),
                ] {
                    let listing = listing.clone();
                    trials.push(Trial::test(format!("{name}::{label}"), move || {
                        stress(&listing, label, runner, runs).map_err(Failed::from)
                    }));
                }
            }
            Mode::Check | Mode::Bless => {
                let bless = mode == Mode::Bless;
                trials.push(Trial::test(name, move || {
                    check(&listing, bless).map_err(Failed::from)
                }));
            }
        }
    }

    let conclusion = libtest_mimic::run(&args, trials);
    if !args.list {
        print_summary();
    }
    conclusion.exit_code()
}

/// One listing as a trial sees it.
#[derive(Clone)]
struct Listing {
    name: String,
    dir: PathBuf,
    /// `None` if cargo built no binary for it.
    exe: Option<PathBuf>,
    property: Option<Property>,
    /// How long it may write nothing before it is taken to hang.
    quiet: Duration,
}

impl Listing {
    fn exe(&self) -> Result<&Path, String> {
        self.exe
            .as_deref()
            .ok_or_else(|| format!("{}: cargo built no binary for this package", self.name))
    }

    fn sample_path(&self) -> PathBuf {
        self.dir.join("output.txt")
    }

    /// Its `output.txt`, if it has one.
    fn sample(&self) -> Result<Option<String>, String> {
        let path = self.sample_path();
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("cannot read {}: {e}", path.display())),
        }
    }

    fn watch(&self) -> Watch {
        listings::watch(&self.name, self.quiet)
    }

    fn rel(&self, path: &Path) -> String {
        path.strip_prefix(workspace_root())
            .unwrap_or(path)
            .display()
            .to_string()
    }
}

/// Every property check names a listing, once.
fn registry_trial(
    properties: &[(&'static str, Property)],
    listings: &BTreeMap<String, support::Package>,
) -> Trial {
    let names: Vec<&'static str> = properties.iter().map(|(n, _)| *n).collect();
    let listings: Vec<String> = listings.keys().cloned().collect();
    Trial::test("property-checks-name-listings", move || {
        let mut problems = Vec::new();
        for (i, name) in names.iter().enumerate() {
            if !listings.iter().any(|l| l == name) {
                problems.push(format!(
                    "{name}: a property check in tests/listings/tests/chNN.rs names no listing package"
                ));
            }
            if names[..i].contains(name) {
                problems.push(format!("{name}: has more than one property check"));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("\n").into())
        }
    })
}

/// Judges one run: by the property check if the listing has one (which must
/// accept the sample too), else against its `output.txt` exactly, as a
/// snapbox snapshot (which `SNAPSHOTS=overwrite` rewrites instead).
fn judge(listing: &Listing, run: &Run, sample: Option<&str>) -> Result<(), String> {
    let Some(status) = run.status else {
        let reason = run.stop_reason().unwrap_or_default();
        return Err(format!("{reason}; stdout so far:\n{}", run.stdout));
    };
    if let Some(property) = listing.property {
        property(&run.stdout, Some(status))
            .map_err(|e| format!("{e}\n--- stdout\n{}", run.stdout))?;
        if let Some(sample) = sample {
            property(sample, None).map_err(|e| {
                format!(
                    "the sample output the book shows ({}) is not a possible run: {e}",
                    listing.rel(&listing.sample_path())
                )
            })?;
        }
        return Ok(());
    }
    if !status.success() {
        return Err(format!("exited with {status}"));
    }
    let expected = snapbox::Data::read_from(&listing.sample_path(), None).raw();
    snapshots()
        .try_eq(Some(&"stdout"), run.stdout.clone().into(), expected)
        .map_err(|e| {
            format!(
                "stdout differs from {} (if the new output is right, record it with \
                 `cargo xtask bless {}` and review the diff)\n{e}",
                listing.rel(&listing.sample_path()),
                listing.name,
            )
        })
}

/// Checks a listing's sources for long sleeps and its `budget.txt` (if any)
/// for its form, then runs it once and judges its output (or, when blessing
/// a deterministic listing, records it).
fn check(listing: &Listing, bless: bool) -> Result<(), String> {
    let name = &listing.name;
    let with_name = |e: String| format!("{name}: {e}");
    let sleeps = long_sleeps(&listing.dir, workspace_root());
    if !sleeps.is_empty() {
        return Err(sleeps
            .iter()
            .map(|s| with_name(s.clone()))
            .collect::<Vec<_>>()
            .join("\n"));
    }
    budget_in(&listing.dir).map_err(with_name)?;
    let exe = listing.exe()?;
    let before = listing.sample().map_err(with_name)?;
    let deterministic = listing.property.is_none();
    if deterministic && before.is_none() && !bless {
        return Err(format!(
            "{name}: has no {} and no property check. A deterministic listing's expected \
             stdout goes in output.txt (record it with `cargo xtask bless {name}`, then review \
             it); a listing whose output varies needs a property check in \
             tests/listings/tests/chNN.rs",
            listing.rel(&listing.sample_path())
        ));
    }
    let run = run_watched(exe, &listing.watch())
        .map_err(|e| format!("{name}: could not run {}: {e}", exe.display()))?;
    judge(listing, &run, before.as_deref())
        .map_err(|e| format!("{name}: {e}\n--- stderr\n{}", run.stderr))?;
    let sample = listing.sample().map_err(with_name)?;
    if bless && deterministic && sample != before {
        let what = if before.is_some() {
            "rewrote"
        } else {
            "created"
        };
        report(
            name,
            format!("blessed: {what} {}", listing.rel(&listing.sample_path())),
        );
    }
    Ok(())
}

type Runner = fn(&Path, &Watch) -> std::io::Result<Run>;

/// Runs a listing `runs` times with `runner`, judging each run by its check.
/// One core makes threads take turns, which brings out orders that two cores
/// rarely produce.
fn stress(listing: &Listing, mode: &str, runner: Runner, runs: usize) -> Result<(), String> {
    let name = &listing.name;
    let exe = listing.exe()?;
    let sample = listing.sample().map_err(|e| format!("{name}: {e}"))?;
    if listing.property.is_none() && sample.is_none() {
        return Err(format!(
            "{name}: has no output.txt and no property check (see the normal run)"
        ));
    }
    let (mut ok, mut slowest, mut fastest, mut first_failure) =
        (0, Duration::ZERO, Duration::MAX, None);
    for i in 0..runs {
        let result = runner(exe, &listing.watch())
            .map_err(|e| format!("could not run: {e}"))
            .and_then(|run| {
                slowest = slowest.max(run.elapsed);
                judge(listing, &run, sample.as_deref())
                    .map_err(|e| format!("{e}\n--- stderr\n{}", run.stderr))?;
                fastest = fastest.min(run.elapsed);
                Ok(())
            });
        match result {
            Ok(()) => ok += 1,
            Err(e) if first_failure.is_none() => first_failure = Some((i + 1, e)),
            Err(_) => {}
        }
    }
    if mode == "all-cores" && ok > 0 {
        let budget = budget_in(&listing.dir);
        TIMES.lock().unwrap().push(TimeLine {
            name: name.clone(),
            time: fastest,
            budget,
        });
    }
    let unpinned = if mode == "one-core" && !support::can_pin_to_one_core() {
        " (not pinned: this system cannot pin a thread to one core)"
    } else {
        ""
    };
    report(
        name,
        format!(
            "stress: {name}, {mode}{unpinned}: {ok}/{runs} ok (slowest {} ms)",
            slowest.as_millis()
        ),
    );
    match first_failure {
        None => Ok(()),
        Some((run, e)) => Err(format!(
            "{name}, {mode}: {} of {runs} runs failed; the first (run {run}): {e}",
            runs - ok
        )),
    }
}

/// Prints what the trials reported and, after stress runs, the run-time
/// report.
fn print_summary() {
    let mut lines = REPORT.lock().unwrap().clone();
    lines.sort();
    for (_, line) in &lines {
        println!("{line}");
    }
    let mut times = TIMES.lock().unwrap().clone();
    if times.is_empty() {
        return;
    }
    times.sort_by(|a, b| a.name.cmp(&b.name));
    print!(
        "{}",
        time_report(
            "listing run times (each listing's fastest successful run on all cores)",
            &times
        )
    );
}
