//! `cargo xtask test`'s runner: every test binary cargo built, run side by
//! side, longest first.
//!
//! `cargo test` runs a workspace's test binaries one after another. Most of
//! ours spend their time waiting (programs that time out on purpose, threads
//! handing over messages, a nats-server starting), so the sum of their times
//! is far more than the work they do. This runs them a few at a time, as
//! cargo would run each (its working directory and the variables cargo sets
//! for a test, plus `[env]` from `.cargo/config.toml`), and the doc tests in
//! one `cargo test --doc` beside them.
//!
//! cargo-nextest schedules tests this way, but it starts a process per test,
//! and several of our harnesses do their expensive set-up once per binary
//! (the snippet runner renders the whole book in `main`); so this runs whole
//! binaries and keeps libtest's own threads inside each.

use crate::run::{self, cargo, root};
use anyhow::{Context, Result, bail};
use cargo_metadata::{Message, Package};
use std::collections::BTreeMap;
use std::io::BufReader;
use std::process::{Command, Stdio};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// At most this many binaries run at once: they mostly wait, so more than
/// the two cores this project is measured on, but not so many that the ones
/// that do work starve and their watchdogs fire.
const AT_ONCE: usize = 4;

/// Where each binary's last run time is kept, to start the longest first.
const TIMES: &str = "target/xtask/test-times.txt";

/// One thing to run: a test binary, or the doc tests.
struct Job {
    /// `package::target`, as the report names it.
    name: String,
    cmd: Command,
}

/// Builds the tests of `packages` (cargo's own output shows the progress)
/// and returns one job per test binary, plus one for the doc tests.
fn jobs(packages: &[&str], deferred: &[(&str, &str)]) -> Result<Vec<Job>> {
    let metadata = support::metadata();
    let by_id: BTreeMap<_, &Package> = metadata.packages.iter().map(|p| (&p.id, p)).collect();
    let env = config_env()?;

    let mut build = cargo();
    build
        .args([
            "test",
            "--no-run",
            "--quiet",
            "--message-format=json-render-diagnostics",
        ])
        .args(packages)
        .stdout(Stdio::piped());
    let mut child = build.spawn().context("cannot start cargo test --no-run")?;
    let mut jobs = Vec::new();
    // Packages `cargo test` built tests for: the selection, as cargo resolved it.
    let mut tested = std::collections::BTreeSet::new();
    for message in Message::parse_stream(BufReader::new(child.stdout.take().unwrap())) {
        let Message::CompilerArtifact(artifact) = message.context("reading cargo's messages")?
        else {
            continue;
        };
        let (Some(exe), true) = (artifact.executable, artifact.profile.test) else {
            continue;
        };
        let package = by_id
            .get(&artifact.package_id)
            .with_context(|| format!("cargo built {exe} for an unknown package"))?;
        tested.insert(package.name.as_str());
        let target = &artifact.target.name;
        if deferred.contains(&(package.name.as_str(), target.as_str())) {
            continue;
        }
        let dir = package
            .manifest_path
            .parent()
            .context("a manifest has a folder")?;
        let mut cmd = Command::new(&exe);
        cmd.arg("--quiet");
        // What cargo sets when it runs a test (trybuild reads the manifest
        // folder at run time), and the workspace's `[env]`.
        cmd.current_dir(dir)
            .env("CARGO_MANIFEST_DIR", dir)
            .env("CARGO_MANIFEST_PATH", &package.manifest_path)
            .env("CARGO_PKG_NAME", package.name.as_str())
            .env("CARGO_PKG_VERSION", package.version.to_string())
            .env("CARGO_CRATE_NAME", target.replace('-', "_"))
            .envs(&env);
        jobs.push(Job {
            name: format!("{}::{target}", package.name),
            cmd,
        });
    }
    let status = child.wait()?;
    if !status.success() {
        bail!("`cargo test --no-run` failed (the compiler's messages are above)");
    }
    // `cargo test --doc` runs rustdoc for every library it selects, even one
    // whose manifest says `doctest = false`; plain `cargo test` runs only the
    // others, so those are the ones this runs.
    let mut doc = cargo();
    doc.args(["test", "--doc", "--quiet"]);
    let mut any = false;
    for package in metadata.workspace_packages() {
        let selected = tested.contains(&package.name.as_str());
        if selected && package.targets.iter().any(|t| t.is_lib() && t.doctest) {
            doc.args(["-p", package.name.as_str()]);
            any = true;
        }
    }
    if any {
        jobs.push(Job {
            name: "doc tests".into(),
            cmd: doc,
        });
    }
    Ok(jobs)
}

/// `[env]` of the workspace's `.cargo/config.toml`, which cargo gives every
/// program it runs.
fn config_env() -> Result<BTreeMap<String, String>> {
    let path = root().join(".cargo/config.toml");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let config: toml::Table =
        toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    let Some(env) = config.get("env").and_then(toml::Value::as_table) else {
        return Ok(BTreeMap::new());
    };
    env.iter()
        .map(|(k, v)| match v {
            toml::Value::String(s) => Ok((k.clone(), s.clone())),
            _ => bail!(
                "{}: [env] {k} is not a plain string, which this runner does not read",
                path.display()
            ),
        })
        .collect()
}

/// The last recorded run time of each job, by name.
fn recorded_times() -> BTreeMap<String, f32> {
    std::fs::read_to_string(root().join(TIMES))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let (secs, name) = l.split_once(' ')?;
            Some((name.to_string(), secs.parse().ok()?))
        })
        .collect()
}

fn record_times(results: &[(String, Result<support::Run>)]) {
    let text: String = results
        .iter()
        .filter_map(|(name, r)| {
            Some(format!(
                "{:.2} {name}\n",
                r.as_ref().ok()?.elapsed.as_secs_f32()
            ))
        })
        .collect();
    let path = root().join(TIMES);
    let _ = std::fs::create_dir_all(path.parent().unwrap());
    let _ = std::fs::write(path, text);
}

/// What a passing binary reports: its libtest summary lines, added up
/// (passed, ignored).
fn counts(stdout: &str) -> (usize, usize) {
    let (mut passed, mut ignored) = (0, 0);
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix("test result: ok. ") {
            let count = |word: &str| {
                rest.split("; ")
                    .find_map(|part| part.strip_suffix(word)?.trim().parse::<usize>().ok())
                    .unwrap_or(0)
            };
            passed += count(" passed");
            ignored += count(" ignored");
        }
    }
    (passed, ignored)
}

fn summary(stdout: &str) -> String {
    match counts(stdout) {
        (passed, 0) => format!("{passed} passed"),
        (passed, ignored) => format!("{passed} passed, {ignored} ignored"),
    }
}

/// Builds and runs every test of `packages` except the `deferred`
/// (package, test target) pairs; prints each job's output when it fails and
/// a line per job that ran long enough to matter.
pub fn run_all(packages: &[&str], deferred: &[(&str, &str)]) -> Result<()> {
    let mut jobs = jobs(packages, deferred)?;
    let times = recorded_times();
    // Longest first, and a binary never timed before ahead of all of them.
    jobs.sort_by(|a, b| {
        let t = |j: &Job| times.get(&j.name).copied().unwrap_or(f32::INFINITY);
        t(b).total_cmp(&t(a))
    });
    let count = jobs.len();
    let queue = Mutex::new(jobs.into_iter());
    let results = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..AT_ONCE {
            s.spawn(|| {
                loop {
                    let next = queue.lock().unwrap_or_else(PoisonError::into_inner).next();
                    let Some(job) = next else { break };
                    let result = run::captured(job.cmd);
                    results
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push((job.name, result));
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_else(PoisonError::into_inner);
    record_times(&results);
    results.sort_by(|a, b| a.0.cmp(&b.0));
    let mut failed = Vec::new();
    for (name, result) in &results {
        let verdict = result
            .as_ref()
            .map_err(|e| anyhow::anyhow!("{e:#}"))
            .and_then(|r| {
                run::verdict(r)?;
                Ok(r)
            });
        match verdict {
            Ok(r) if r.elapsed >= Duration::from_secs(1) => {
                println!(
                    "  ok  {name} ({:.1} s): {}",
                    r.elapsed.as_secs_f32(),
                    summary(&r.stdout)
                );
            }
            Ok(_) => {}
            Err(e) => {
                if let Ok(r) = result {
                    print!("{}", r.stdout);
                    eprint!("{}", r.stderr);
                }
                eprintln!("==> FAILED {name}: {e:#}");
                failed.push(name.as_str());
            }
        }
    }
    if !failed.is_empty() {
        bail!(
            "{} of {count} test runs failed: {}",
            failed.len(),
            failed.join(", ")
        );
    }
    let total: usize = results
        .iter()
        .filter_map(|(_, r)| r.as_ref().ok())
        .map(|r| counts(&r.stdout).0)
        .sum();
    println!("==> {count} test runs passed ({total} tests; the quick ones are not listed)");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::summary;

    #[test]
    fn summary_adds_every_result_line() {
        let out = "test result: ok. 3 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.1s\n\
                   test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.0s\n";
        assert_eq!(summary(out), "5 passed, 1 ignored");
        assert_eq!(summary(""), "0 passed");
    }
}
