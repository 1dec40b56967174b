//! The learner's side of the book's exercises, behind `cargo course`.
//!
//! The exercises are found as the book's checks find them: cargo's metadata
//! of the workspace the command runs in (every `listings/chNN-*/exercise-*`
//! package), so a new exercise needs no list to be kept. Each one is numbered
//! as its chapter numbers it (`3-2` is chapter 3's second exercise, in folder
//! order), keeps its hints in `hints.md` beside its `Cargo.toml`, and is done
//! when its tests pass on the learner's `src/starter.rs`.
//!
//! What the command remembers (hints shown, results of unchanged builds)
//! lives under the workspace's `target/course/`; the only file of the
//! learner's it ever replaces is a starter, on `reset`, after a backup.

use anyhow::{Context, Result, anyhow, bail};
use cargo_metadata::{Metadata, MetadataCommand};
use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;
use support::{Kind, packages_in, run_with_timeout};

/// An exercise's tests bound their own waits; this only stops a starter that
/// hangs them anyway.
pub const TEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The workspace the command works on, and its exercises in book order.
pub struct Course {
    pub metadata: Metadata,
    pub root: PathBuf,
    pub exercises: Vec<Exercise>,
}

/// One exercise.
#[derive(Debug, Clone)]
pub struct Exercise {
    /// `3-2`: the chapter's number, then its place among the chapter's exercises.
    pub id: String,
    /// The package, which `cargo test -p` takes.
    pub name: String,
    /// The folder holding its `Cargo.toml`.
    pub dir: PathBuf,
    pub chapter: u32,
    /// The chapter's title as the book's summary gives it (else its folder).
    pub chapter_title: String,
}

impl Exercise {
    pub fn starter(&self) -> PathBuf {
        self.dir.join("src/starter.rs")
    }

    pub fn solution(&self) -> PathBuf {
        self.dir.join("src/solution.rs")
    }

    pub fn hints_file(&self) -> PathBuf {
        self.dir.join("hints.md")
    }

    /// The command a learner runs to test their work.
    pub fn test_command(&self) -> String {
        format!("cargo test -p {}", self.name)
    }

    /// The hints, in the order they are given: each `## ` heading of
    /// `hints.md` starts one.
    pub fn hints(&self) -> Result<Vec<String>> {
        let file = self.hints_file();
        let text = std::fs::read_to_string(&file)
            .with_context(|| format!("cannot read the hints in {}", file.display()))?;
        let hints = parse_hints(&text);
        if hints.is_empty() {
            bail!(
                "{} holds no hint (each starts with a `## ` heading)",
                file.display()
            );
        }
        Ok(hints)
    }
}

/// The sections of a hints file: the text under each `## ` heading, trimmed.
pub fn parse_hints(text: &str) -> Vec<String> {
    let mut hints: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if line.starts_with("## ") {
            hints.extend(current.take());
            current = Some(String::new());
        } else if let Some(hint) = current.as_mut() {
            hint.push_str(line);
            hint.push('\n');
        }
    }
    hints.extend(current);
    hints
        .into_iter()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .collect()
}

impl Course {
    /// The workspace around the current directory, as cargo sees it.
    pub fn load() -> Result<Course> {
        let metadata = MetadataCommand::new()
            .no_deps()
            .exec()
            .context("`cargo metadata` failed: run this inside the book's workspace")?;
        Course::from_metadata(metadata)
    }

    pub fn from_metadata(metadata: Metadata) -> Result<Course> {
        let root = metadata.workspace_root.clone().into_std_path_buf();
        let titles = chapter_titles(&root);
        let mut found: Vec<(PathBuf, String)> = packages_in(&metadata)
            .into_values()
            .filter(|p| p.kind == Kind::Exercise)
            .map(|p| (p.dir, p.name))
            .collect();
        found.sort();
        let mut exercises: Vec<Exercise> = Vec::new();
        for (dir, name) in found {
            let folder = dir
                .parent()
                .and_then(Path::file_name)
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            let chapter = chapter_number(&folder).ok_or_else(|| {
                anyhow!(
                    "{}: an exercise's folder sits in a chapter's folder named `chNN-...`",
                    dir.display()
                )
            })?;
            let place = 1 + exercises.iter().filter(|e| e.chapter == chapter).count();
            exercises.push(Exercise {
                id: format!("{chapter}-{place}"),
                name,
                dir,
                chapter,
                chapter_title: titles
                    .get(&folder)
                    .cloned()
                    .unwrap_or_else(|| folder.clone()),
            });
        }
        if exercises.is_empty() {
            bail!(
                "no exercise in the workspace at {} (they are the `listings/chNN-*/exercise-*` packages)",
                root.display()
            );
        }
        Ok(Course {
            metadata,
            root,
            exercises,
        })
    }

    /// The exercise `wanted` names: its number (`3-2`), its package or the
    /// end of it (`fix-the-hang`), or a chapter's number when that chapter has
    /// one exercise.
    pub fn find(&self, wanted: &str) -> Result<&Exercise> {
        let wanted = wanted.trim();
        let by = |f: &dyn Fn(&Exercise) -> bool| -> Vec<&Exercise> {
            self.exercises.iter().filter(|e| f(e)).collect()
        };
        let mut matches = by(&|e| e.id == wanted || e.name == wanted);
        if matches.is_empty() {
            matches = by(&|e| e.name.ends_with(&format!("-{wanted}")));
        }
        if matches.is_empty()
            && let Ok(chapter) = wanted.parse::<u32>()
        {
            matches = by(&|e| e.chapter == chapter);
        }
        match matches.as_slice() {
            [one] => Ok(one),
            [] => bail!(
                "no exercise is called {wanted:?}; `cargo course status` lists them (use a number such as {})",
                self.exercises[0].id
            ),
            several => bail!(
                "{wanted:?} could be {}: say which",
                several
                    .iter()
                    .map(|e| format!("{} ({})", e.id, e.name))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        }
    }

    /// Where the command keeps what it remembers.
    pub fn state_dir(&self) -> PathBuf {
        self.metadata.target_directory.as_std_path().join("course")
    }

    /// A path as the learner would type it from the workspace root.
    pub fn show(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .display()
            .to_string()
    }
}

/// `ch03-many-producers` -> 3.
fn chapter_number(folder: &str) -> Option<u32> {
    folder.strip_prefix("ch")?.get(..2)?.parse().ok()
}

/// Chapter folder (`ch03-many-producers`) -> the title `src/SUMMARY.md` links
/// to its page with. None when there is no summary.
fn chapter_titles(root: &Path) -> BTreeMap<String, String> {
    let summary = std::fs::read_to_string(root.join("src/SUMMARY.md")).unwrap_or_default();
    let mut titles = BTreeMap::new();
    for line in summary.lines() {
        let Some((before, after)) = line.split_once("](") else {
            continue;
        };
        let (Some(title), Some(page)) = (
            before.rsplit_once('[').map(|(_, t)| t),
            after.split_once(".md)").map(|(p, _)| p),
        ) else {
            continue;
        };
        titles.insert(page.to_string(), title.to_string());
    }
    titles
}

/// Hints are graduated, not answers: each exercise has two or three, and no
/// hint holds a line that the solution has and the starter has not (compared
/// with spaces squeezed, so rewrapping cannot hide one).
pub const HINTS_PER_EXERCISE: std::ops::RangeInclusive<usize> = 2..=3;

/// What is wrong with an exercise's hints, if anything.
pub fn hint_problems(exercise: &Exercise) -> Vec<String> {
    let hints = match exercise.hints() {
        Ok(hints) => hints,
        Err(e) => return vec![format!("{e:#}")],
    };
    let mut problems = Vec::new();
    if !HINTS_PER_EXERCISE.contains(&hints.len()) {
        problems.push(format!(
            "{}: {} hints; give {} to {}, from a nudge to the last step",
            exercise.hints_file().display(),
            hints.len(),
            HINTS_PER_EXERCISE.start(),
            HINTS_PER_EXERCISE.end()
        ));
    }
    let read = |p: PathBuf| std::fs::read_to_string(&p).unwrap_or_default();
    for line in solution_only_lines(&read(exercise.starter()), &read(exercise.solution())) {
        for (i, hint) in hints.iter().enumerate() {
            if squeeze(hint).contains(&line) {
                problems.push(format!(
                    "{}: hint {} gives away the solution's line `{line}`",
                    exercise.hints_file().display(),
                    i + 1
                ));
            }
        }
    }
    problems
}

/// The solution's lines that the starter lacks, spaces squeezed, leaving out
/// short ones (a `}` or `loop {` gives nothing away) and anchor markers.
pub fn solution_only_lines(starter: &str, solution: &str) -> Vec<String> {
    let starter: Vec<String> = starter.lines().map(squeeze).collect();
    solution
        .lines()
        .map(squeeze)
        .filter(|l| l.len() >= 16 && !l.contains("ANCHOR") && !starter.contains(l))
        .collect()
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How one exercise stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// Its tests ran and some failed (or hung): the test output.
    NotYet(String),
    /// The starter does not compile: the compiler's messages.
    DoesNotCompile(String),
}

impl Outcome {
    pub fn is_done(&self) -> bool {
        *self == Outcome::Done
    }

    pub fn word(&self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::NotYet(_) => "not yet",
            Outcome::DoesNotCompile(_) => "does not compile",
        }
    }
}

/// Builds and runs the tests of `exercises` (their starters), all of them at
/// once; unchanged test executables keep their last result.
pub fn check(course: &Course, exercises: &[&Exercise]) -> Result<Vec<Outcome>> {
    let names: Vec<&str> = exercises.iter().map(|e| e.name.as_str()).collect();
    let mut built: BTreeMap<String, Result<Vec<PathBuf>, String>> = BTreeMap::new();
    match build(course, &names) {
        Ok(all) => {
            for name in &names {
                built.insert(
                    name.to_string(),
                    Ok(all.get(*name).cloned().unwrap_or_default()),
                );
            }
        }
        // One starter that does not compile fails the build of them all:
        // build each alone to tell which.
        Err(_) => {
            for name in &names {
                let one = build(course, &[name]).map(|mut b| b.remove(*name).unwrap_or_default());
                built.insert(name.to_string(), one);
            }
        }
    }
    let cache_file = course.state_dir().join("results.txt");
    let mut cache = read_table(&cache_file);
    let results: Vec<(Option<String>, Outcome)> = std::thread::scope(|s| {
        let cache = &cache;
        let runs: Vec<_> = names
            .iter()
            .map(|name| {
                let built = &built[*name];
                s.spawn(move || -> (Option<String>, Outcome) {
                    let exes = match built {
                        Err(messages) => return (None, Outcome::DoesNotCompile(messages.clone())),
                        Ok(exes) => exes,
                    };
                    let key = fingerprint(exes);
                    let cached = key.as_ref().and_then(|key| {
                        cache.get(*name)?.strip_prefix(&format!("{key} "))
                    });
                    match cached {
                        Some("done") => return (None, Outcome::Done),
                        Some(_) => {
                            return (
                                None,
                                Outcome::NotYet(format!(
                                    "(unchanged since its tests last failed: `cargo test -p {name}` shows them)"
                                )),
                            );
                        }
                        None => {}
                    }
                    let outcome = run_tests(exes);
                    let entry = key.map(|k| format!("{k} {}", word_key(&outcome)));
                    (entry, outcome)
                })
            })
            .collect();
        runs.into_iter()
            .map(|run| run.join().expect("a test runner thread panicked"))
            .collect()
    });
    let mut outcomes = Vec::new();
    for (name, (entry, outcome)) in names.iter().zip(results) {
        match entry {
            Some(entry) => {
                cache.insert(name.to_string(), entry);
            }
            // Not built, or known from the cache: nothing new to remember.
            None if matches!(outcome, Outcome::DoesNotCompile(_)) => {
                cache.remove(*name);
            }
            None => {}
        }
        outcomes.push(outcome);
    }
    write_table(&cache_file, &cache)?;
    Ok(outcomes)
}

fn word_key(outcome: &Outcome) -> &'static str {
    if outcome.is_done() { "done" } else { "failed" }
}

/// Builds the test executables of `names`, with the compiler's messages
/// captured; `Err` holds them.
fn build(course: &Course, names: &[&str]) -> Result<BTreeMap<String, Vec<PathBuf>>, String> {
    let mut args = vec!["test", "--no-run", "--quiet"];
    for name in names {
        args.extend(["-p", name]);
    }
    let log = course.state_dir().join("build.log");
    let _ = std::fs::create_dir_all(course.state_dir());
    let file = std::fs::File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
    support::cargo_executables_in(&course.metadata, &args, Stdio::from(file))
        .map_err(|e| std::fs::read_to_string(&log).unwrap_or(e))
}

/// Builds one exercise with the compiler's messages shown, as `watch` does.
pub fn build_shown(course: &Course, exercise: &Exercise) -> Result<Vec<PathBuf>, String> {
    let args = ["test", "--no-run", "--quiet", "-p", &exercise.name];
    support::cargo_executables_in(&course.metadata, &args, Stdio::inherit())
        .map(|mut b| b.remove(&exercise.name).unwrap_or_default())
}

/// Runs the test executables one after another: done when every one passes.
pub fn run_tests(exes: &[PathBuf]) -> Outcome {
    let mut log = String::new();
    let mut failed = exes.is_empty();
    for exe in exes {
        match run_with_timeout(exe, TEST_TIMEOUT) {
            Ok(run) => {
                log += &run.stdout;
                log += &run.stderr;
                match run.status {
                    Some(status) if status.success() => {}
                    Some(_) => failed = true,
                    None => {
                        failed = true;
                        log += &format!(
                            "\n(the tests were stopped after {} s: does something wait forever?)\n",
                            TEST_TIMEOUT.as_secs()
                        );
                    }
                }
            }
            Err(e) => {
                failed = true;
                log += &format!("cannot run {}: {e}\n", exe.display());
            }
        }
    }
    if failed {
        Outcome::NotYet(log)
    } else {
        Outcome::Done
    }
}

/// What identifies a build: the executables' paths and contents. The same
/// build gives the same result, so it is not run again.
fn fingerprint(exes: &[PathBuf]) -> Option<String> {
    if exes.is_empty() {
        return None;
    }
    let mut hasher = DefaultHasher::new();
    for exe in exes {
        hasher.write(exe.as_os_str().as_encoded_bytes());
        hasher.write(&std::fs::read(exe).ok()?);
    }
    Some(format!("{:016x}", hasher.finish()))
}

/// A `name value` per line file (what the command remembers), empty when absent.
pub fn read_table(file: &Path) -> BTreeMap<String, String> {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

pub fn write_table(file: &Path, table: &BTreeMap<String, String>) -> Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let text: String = table.iter().map(|(k, v)| format!("{k} {v}\n")).collect();
    std::fs::write(file, text).with_context(|| format!("cannot write {}", file.display()))
}

/// Hints: how many of an exercise's hints the learner has seen.
pub fn hints_shown(course: &Course, exercise: &Exercise) -> usize {
    read_table(&course.state_dir().join("hints-shown.txt"))
        .get(&exercise.name)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

pub fn set_hints_shown(course: &Course, exercise: &Exercise, shown: usize) -> Result<()> {
    let file = course.state_dir().join("hints-shown.txt");
    let mut table = read_table(&file);
    table.insert(exercise.name.clone(), shown.to_string());
    write_table(&file, &table)
}

/// The starter as the book ships it: the committed version in git.
pub fn original_starter(course: &Course, exercise: &Exercise) -> Result<String> {
    let output = Command::new("git")
        .current_dir(&exercise.dir)
        .args(["show", "HEAD:./src/starter.rs"])
        .stderr(Stdio::piped())
        .output()
        .context("cannot run git, which keeps the original starters")?;
    if !output.status.success() {
        bail!(
            "git has no committed {} (is this a clone of the book's repository?): {}",
            course.show(&exercise.starter()),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    String::from_utf8(output.stdout).context("the committed starter is not UTF-8")
}

/// What `reset` did.
pub enum Reset {
    /// The starter already was the original.
    Unchanged,
    /// The learner's version is kept at this path.
    BackedUp(PathBuf),
}

/// Puts the original starter back, after copying the learner's version to
/// `.course-backups/<exercise>/` at the workspace root (outside `target/`,
/// which `cargo clean` empties). A backup never replaces another.
pub fn reset(course: &Course, exercise: &Exercise) -> Result<Reset> {
    let original = original_starter(course, exercise)?;
    let starter = exercise.starter();
    let current = std::fs::read_to_string(&starter).ok();
    if current.as_deref() == Some(original.as_str()) {
        return Ok(Reset::Unchanged);
    }
    let mut backed_up = None;
    if let Some(current) = current {
        let dir = course.root.join(".course-backups").join(&exercise.name);
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        let stamp = utc_stamp(std::time::SystemTime::now());
        let mut backup = dir.join(format!("starter-{stamp}.rs"));
        let mut n = 2;
        while backup.exists() {
            backup = dir.join(format!("starter-{stamp}-{n}.rs"));
            n += 1;
        }
        std::fs::write(&backup, current)
            .with_context(|| format!("cannot write the backup {}", backup.display()))?;
        backed_up = Some(backup);
    }
    std::fs::write(&starter, original)
        .with_context(|| format!("cannot write {}", starter.display()))?;
    Ok(match backed_up {
        Some(b) => Reset::BackedUp(b),
        // No starter at all: nothing of the learner's was replaced.
        None => Reset::Unchanged,
    })
}

/// `20261206-114512` (UTC), for backup names that sort by time.
pub fn utc_stamp(time: std::time::SystemTime) -> String {
    let secs = time
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}-{:02}{:02}{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_are_the_sections_under_level_two_headings() {
        let text = "# Hints\n\nIntro is not a hint.\n\n## 1\n\nFirst.\n\n## 2\nSecond,\nlong.\n";
        assert_eq!(parse_hints(text), ["First.", "Second,\nlong."]);
        assert!(parse_hints("# Hints\nnone here\n").is_empty());
    }

    #[test]
    fn a_hint_holding_a_line_of_the_solution_is_found() {
        let starter = "fn f() {\n    todo!()\n}\n";
        let solution = "fn f() {\n    let (tx, rx) = mpsc::channel::<u32>();\n}\n";
        let lines = solution_only_lines(starter, solution);
        assert_eq!(lines, ["let (tx, rx) = mpsc::channel::<u32>();"]);
        let hint = squeeze("Write\n    let (tx, rx) =\n mpsc::channel::<u32>();\nand so on");
        assert!(hint.contains(&lines[0]));
    }

    #[test]
    fn chapter_numbers_come_from_the_folder() {
        assert_eq!(chapter_number("ch03-many-producers"), Some(3));
        assert_eq!(chapter_number("ch20-choosing-a-channel"), Some(20));
        assert_eq!(chapter_number("listings"), None);
    }

    #[test]
    fn stamps_are_utc_dates() {
        let t = std::time::UNIX_EPOCH + Duration::from_secs(1_796_557_512);
        assert_eq!(utc_stamp(t), "20261206-114512");
        assert_eq!(utc_stamp(std::time::UNIX_EPOCH), "19700101-000000");
    }
}
