//! What the listing runner needs: how to find, build and run listing binaries,
//! and small helpers for stating what a run guarantees.
//!
//! The checks themselves live in `tests/listings/tests/chNN.rs`, one module per
//! chapter.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// A listing binary that ran to the end (or was killed by the timeout).
#[derive(Debug)]
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    /// `None` when the run timed out and was killed.
    pub status: Option<ExitStatus>,
    pub elapsed: Duration,
}

impl Run {
    /// The standard output split into lines.
    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }
}

/// How a listing's output is judged.
pub enum Check {
    /// The program is deterministic: its stdout must equal `output.txt` in the
    /// listing's directory, byte for byte, and it must exit successfully.
    Exact,
    /// Threads make the order vary: the function states what must hold. When the
    /// listing has an `output.txt` (a sample the chapter shows), the same function
    /// must accept that sample too, so the book never shows an impossible run.
    /// The function gets the stdout text and the exit status (`None` for the
    /// sample, which has no status).
    Holds(fn(&str, Option<ExitStatus>) -> Result<(), String>),
}

/// One entry in a chapter's table of checks.
pub struct Listing {
    pub package: &'static str,
    pub check: Check,
}

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("tests/listings is two levels below the root")
        .to_path_buf()
}

/// Every listing crate on disk: package name -> directory. (Exercise crates,
/// `exercise-*`, live beside them and are checked by `tests/exercises`.)
pub fn listing_dirs() -> BTreeMap<String, PathBuf> {
    let mut found = BTreeMap::new();
    let listings = workspace_root().join("listings");
    for chapter in read_dir_sorted(&listings) {
        for crate_dir in read_dir_sorted(&chapter) {
            if !crate_dir
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("listing-"))
            {
                continue;
            }
            let manifest = crate_dir.join("Cargo.toml");
            let Ok(text) = std::fs::read_to_string(&manifest) else {
                continue;
            };
            let name = text
                .lines()
                .find_map(|l| l.trim().strip_prefix("name = \""))
                .and_then(|rest| rest.strip_suffix('"'))
                .unwrap_or_else(|| panic!("{} has no `name = \"...\"` line", manifest.display()));
            found.insert(name.to_string(), crate_dir);
        }
    }
    found
}

fn read_dir_sorted(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    entries.sort();
    entries
}

/// Builds every binary in the workspace (a no-op when nothing changed) and
/// returns package name -> path of its executable, as cargo reports them.
pub fn build_binaries() -> Result<BTreeMap<String, PathBuf>, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(workspace_root())
        .args([
            "build",
            "--workspace",
            "--bins",
            "--quiet",
            "--message-format=json-render-diagnostics",
        ])
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    if !output.status.success() {
        return Err(
            "`cargo build --workspace --bins` failed: a listing does not compile \
                    (the compiler's messages are above)"
                .into(),
        );
    }
    let mut bins = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        // Each artifact message names its package and, for a binary, its executable.
        if !line.contains("\"reason\":\"compiler-artifact\"") {
            continue;
        }
        let (Some(exe), Some(name)) = (json_str(line, "executable"), json_str(line, "name")) else {
            continue;
        };
        bins.insert(name, PathBuf::from(exe));
    }
    Ok(bins)
}

/// Reads the first string value of `"key":"..."` from one line of cargo's JSON.
/// Cargo's package names and our paths hold no escaped quotes, so this is enough.
fn json_str(line: &str, key: &str) -> Option<String> {
    let start = line.find(&format!("\"{key}\":\""))? + key.len() + 4;
    let len = line[start..].find('"')?;
    Some(line[start..start + len].replace("\\\\", "\\"))
}

/// Runs a binary with no input; kills it if it has not finished within `limit`.
pub fn run_with_timeout(exe: &Path, limit: Duration) -> std::io::Result<Run> {
    run_command_with_timeout(Command::new(exe), limit)
}

/// Runs a binary pinned to CPU 0 (with `taskset`), so its threads share one core.
pub fn run_on_one_core(exe: &Path, limit: Duration) -> std::io::Result<Run> {
    let mut cmd = Command::new("taskset");
    cmd.arg("--cpu-list").arg("0").arg(exe);
    run_command_with_timeout(cmd, limit)
}

/// Runs a command with no input; kills it if it has not finished within `limit`.
pub fn run_command_with_timeout(mut cmd: Command, limit: Duration) -> std::io::Result<Run> {
    let start = Instant::now();
    // A reader runs listings without RUST_BACKTRACE; a backtrace would only
    // slow the listings that panic on purpose and lengthen their stderr.
    let mut child = cmd
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    // Read both pipes on their own threads so a chatty child never blocks on a
    // full pipe while we wait for it.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || read_all(&mut out));
    let err_reader = std::thread::spawn(move || read_all(&mut err));
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if start.elapsed() > limit {
            child.kill()?;
            child.wait()?;
            break None;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let elapsed = start.elapsed();
    Ok(Run {
        stdout: out_reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
        status,
        elapsed,
    })
}

fn read_all(r: &mut impl std::io::Read) -> String {
    let mut bytes = Vec::new();
    let _ = r.read_to_end(&mut bytes);
    String::from_utf8_lossy(&bytes).into_owned()
}

// ---------------------------------------------------------------------------
// Helpers for `Check::Holds` functions.

/// Fails unless the run exited successfully (the sample, with no status, passes).
pub fn exited_ok(status: Option<ExitStatus>) -> Result<(), String> {
    match status {
        Some(s) if !s.success() => Err(format!("expected a successful exit, got {s}")),
        _ => Ok(()),
    }
}

/// Fails unless the run exited with a failure (the sample passes).
pub fn exited_with_failure(status: Option<ExitStatus>) -> Result<(), String> {
    match status {
        Some(s) if s.success() => Err("expected the program to fail, but it exited 0".into()),
        _ => Ok(()),
    }
}

/// The lines that start with `prefix`, with the prefix removed.
pub fn lines_with_prefix<'a>(text: &'a str, prefix: &str) -> Vec<&'a str> {
    text.lines()
        .filter_map(|l| l.strip_prefix(prefix))
        .collect()
}

/// Fails unless `actual` and `expected` hold the same items the same number of
/// times, in any order (every message arrived exactly once).
pub fn same_multiset(actual: &[&str], expected: &[&str]) -> Result<(), String> {
    let count = |items: &[&str]| {
        let mut m = BTreeMap::<String, i64>::new();
        for i in items {
            *m.entry(i.to_string()).or_default() += 1;
        }
        m
    };
    let (a, e) = (count(actual), count(expected));
    if a == e {
        return Ok(());
    }
    let mut problems = Vec::new();
    for (item, n) in &e {
        let got = a.get(item).copied().unwrap_or(0);
        if got != *n {
            problems.push(format!("{item:?}: expected {n}, got {got}"));
        }
    }
    for (item, n) in &a {
        if !e.contains_key(item) {
            problems.push(format!("{item:?}: unexpected, seen {n} times"));
        }
    }
    Err(format!("messages differ: {}", problems.join("; ")))
}

/// Fails unless `subsequence` appears within `items` in this order (other items
/// may come between): the order one producer sent in is kept.
pub fn in_order(items: &[&str], subsequence: &[&str]) -> Result<(), String> {
    let mut want = subsequence.iter().peekable();
    for item in items {
        if want.peek() == Some(&item) {
            want.next();
        }
    }
    match want.next() {
        None => Ok(()),
        Some(missing) => Err(format!(
            "expected {subsequence:?} in this order, but {missing:?} is missing or out of order in {items:?}"
        )),
    }
}

/// Fails unless the last line of `text` is `line`.
pub fn last_line_is(text: &str, line: &str) -> Result<(), String> {
    match text.lines().last() {
        Some(last) if last == line => Ok(()),
        other => Err(format!(
            "expected the last line to be {line:?}, got {other:?}"
        )),
    }
}

/// Fails unless the first line of `text` is `line`.
pub fn first_line_is(text: &str, line: &str) -> Result<(), String> {
    match text.lines().next() {
        Some(first) if first == line => Ok(()),
        other => Err(format!(
            "expected the first line to be {line:?}, got {other:?}"
        )),
    }
}

/// Fails unless `text` has a line equal to `line`, returning its index.
pub fn position_of(text: &str, line: &str) -> Result<usize, String> {
    text.lines()
        .position(|l| l == line)
        .ok_or_else(|| format!("expected a line {line:?}"))
}

/// Every exercise crate on disk (`listings/*/exercise-*`): package name -> directory.
pub fn exercise_dirs() -> BTreeMap<String, PathBuf> {
    let mut found = BTreeMap::new();
    for chapter in read_dir_sorted(&workspace_root().join("listings")) {
        for crate_dir in read_dir_sorted(&chapter) {
            let name = crate_dir
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if name.starts_with("exercise-") {
                found.insert(name, crate_dir);
            }
        }
    }
    found
}

/// Builds the test executables of `packages` (with `features`, e.g.
/// `["exercise-03-fan-in/solution"]`) and returns package name -> executables.
pub fn build_test_executables(
    packages: &[&str],
    features: &[String],
) -> Result<BTreeMap<String, Vec<PathBuf>>, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(workspace_root()).args([
        "test",
        "--no-run",
        "--quiet",
        "--message-format=json-render-diagnostics",
    ]);
    for p in packages {
        cmd.args(["-p", p]);
    }
    if !features.is_empty() {
        cmd.arg("--features").arg(features.join(","));
    }
    let output = cmd
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "`cargo test --no-run` failed for {packages:?} with features {features:?} \
             (the compiler's messages are above)"
        ));
    }
    let mut exes: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        if !line.contains("\"reason\":\"compiler-artifact\"") {
            continue;
        }
        // "package_id":"path+file:///.../exercise-03-fan-in#0.1.0" or "...#name@0.1.0"
        let (Some(id), Some(exe)) = (json_str(line, "package_id"), json_str(line, "executable"))
        else {
            continue;
        };
        let fragment = id.rsplit('#').next().unwrap_or("");
        let name = match fragment.split_once('@') {
            Some((name, _)) => name.to_string(),
            None => id
                .split('#')
                .next()
                .and_then(|p| p.rsplit('/').next())
                .unwrap_or("")
                .to_string(),
        };
        exes.entry(name).or_default().push(PathBuf::from(exe));
    }
    Ok(exes)
}
