//! `cargo course` as a learner uses it, run against a scratch workspace: three
//! of the book's own exercises (copied, with their hints) in a git repository
//! of their own, so that solving, breaking and resetting them touches nothing
//! of this checkout. Each step compiles what it changed, so these are left to
//! `cargo xtask e2e` (a CI stage); `tests/hints.rs` checks the book's real
//! exercises in `cargo xtask test`.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;
use support::workspace_root;

/// Three std-only exercises: one alone in its chapter, two sharing one.
const COPIED: [&str; 3] = [
    "ch02-first-channel/exercise-02-bill-on-a-thread",
    "ch03-many-producers/exercise-03-fan-in",
    "ch03-many-producers/exercise-03-fix-the-hang",
];

/// A test that waits fails this long after the last line the command printed.
const QUIET_LIMIT: Duration = Duration::from_secs(30);

/// Writes `text` to `file` unless it already holds it, so the scratch
/// workspace's build stays warm from one run to the next.
fn put(file: &Path, text: &[u8]) {
    if fs::read(file).ok().as_deref() != Some(text) {
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, text).unwrap();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let dest = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &dest);
        } else {
            put(&dest, &fs::read(&path).unwrap());
        }
    }
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=course test",
            "-c",
            "user.email=course@test",
        ])
        .args(args)
        .stdout(Stdio::null())
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?} failed in {}", dir.display());
}

/// A scratch workspace named `name` under target/, with the book's layout:
/// its exercises as committed, its `target/` kept between runs.
fn scratch(name: &str) -> PathBuf {
    let real = workspace_root();
    let dir = real.join("target/course-tests").join(name);
    let manifest = fs::read_to_string(real.join("Cargo.toml")).unwrap();
    // The real workspace's shared settings, which the exercises inherit.
    let package = manifest
        .split("[workspace.package]")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .expect("the root Cargo.toml has [workspace.package]");
    put(
        &dir.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"3\"\nmembers = [\"listings/*/*\"]\n\n\
             [workspace.package]{package}\n[workspace.lints.rust]\n"
        )
        .as_bytes(),
    );
    put(
        &dir.join("src/SUMMARY.md"),
        b"# Summary\n\n- [A First Channel](ch02-first-channel.md)\n- [Many Producers](ch03-many-producers.md)\n",
    );
    put(&dir.join(".gitignore"), b"/target\n");
    for exercise in COPIED {
        copy_dir(
            &real.join("listings").join(exercise),
            &dir.join("listings").join(exercise),
        );
    }
    let _ = fs::remove_dir_all(dir.join(".course-backups"));
    // What the command remembers of hints goes; its results stay, as they
    // would for a learner: they are kept per build, so an unchanged build
    // keeps its result and a changed one is tested again.
    let _ = fs::remove_file(dir.join("target/course/hints-shown.txt"));
    if !dir.join(".git").exists() {
        git(&dir, &["init", "--quiet"]);
    }
    git(&dir, &["add", "-A"]);
    git(
        &dir,
        &["commit", "--quiet", "--allow-empty", "-m", "the book"],
    );
    dir
}

fn course(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_course"))
        .current_dir(dir)
        .args(args)
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .expect("the course binary runs")
}

/// Runs `course args` and returns its stdout, failing on a failed run.
fn ok(dir: &Path, args: &[&str]) -> String {
    let out = course(dir, args);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "`cargo course {}` failed:\n{stdout}\n{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

fn exercise(dir: &Path, which: usize) -> PathBuf {
    dir.join("listings").join(COPIED[which])
}

fn solve(dir: &Path, which: usize) {
    let e = exercise(dir, which);
    fs::copy(e.join("src/solution.rs"), e.join("src/starter.rs")).unwrap();
}

/// The status line of one exercise.
fn row<'a>(status: &'a str, id: &str) -> &'a str {
    status
        .lines()
        .find(|l| l.starts_with(&format!("{id} ")))
        .unwrap_or_else(|| panic!("no row for {id} in:\n{status}"))
}

#[test]
fn status_next_hint_and_reset() {
    let dir = scratch("journey");
    let status = ok(&dir, &["status"]);
    assert!(status.contains("0 of 3 exercises done"), "{status}");
    assert!(row(&status, "2-1").contains("exercise-02-bill-on-a-thread"));
    assert!(row(&status, "2-1").contains("2. A First Channel"));
    assert!(row(&status, "3-2").contains("exercise-03-fix-the-hang"));
    assert!(row(&status, "3-2").ends_with("not yet"), "{status}");

    solve(&dir, 0);
    let status = ok(&dir, &["status"]);
    assert!(status.contains("1 of 3 exercises done"), "{status}");
    assert!(row(&status, "2-1").ends_with("done"), "{status}");
    let next = ok(&dir, &["next"]);
    assert!(
        next.contains("Next: exercise 3-1 (exercise-03-fan-in)"),
        "{next}"
    );
    assert!(
        next.contains("edit: listings/ch03-many-producers/exercise-03-fan-in/src/starter.rs"),
        "{next}"
    );
    assert!(
        next.contains("run:  cargo test -p exercise-03-fan-in"),
        "{next}"
    );

    // A starter that does not compile is said so, and spoils no other row.
    let broken = exercise(&dir, 2).join("src/starter.rs");
    let original = fs::read_to_string(&broken).unwrap();
    fs::write(&broken, format!("{original}\nfn oops( {{\n")).unwrap();
    let status = ok(&dir, &["status"]);
    assert!(
        row(&status, "3-2").ends_with("does not compile"),
        "{status}"
    );
    assert!(row(&status, "2-1").ends_with("done"), "{status}");

    // Hints: one more each time, then the way to the solution.
    let hints =
        course::parse_hints(&fs::read_to_string(exercise(&dir, 1).join("hints.md")).unwrap());
    for (i, hint) in hints.iter().enumerate() {
        let shown = ok(&dir, &["hint", "fan-in"]);
        assert!(
            shown.contains(&format!("Hint {} of {}", i + 1, hints.len())),
            "{shown}"
        );
        assert!(shown.contains(hint.as_str()), "{shown}");
    }
    let after = ok(&dir, &["hint", "3-1"]);
    assert!(after.contains("last of exercise 3-1's"), "{after}");
    assert!(
        after.contains("exercise-03-fan-in/src/solution.rs"),
        "{after}"
    );
    let ambiguous = course(&dir, &["hint", "3"]);
    assert!(!ambiguous.status.success());
    assert!(String::from_utf8_lossy(&ambiguous.stderr).contains("3-1 (exercise-03-fan-in) or 3-2"));

    // Reset: the learner's version is kept where it says, the starter is
    // the committed one again, and a second reset changes nothing.
    let starter = exercise(&dir, 2).join("src/starter.rs");
    let learners = fs::read_to_string(&starter).unwrap();
    let said = ok(&dir, &["reset", "3-2"]);
    assert_eq!(fs::read_to_string(&starter).unwrap(), original);
    let backup = said
        .lines()
        .find_map(|l| l.strip_prefix("Your version is kept in "))
        .unwrap_or_else(|| panic!("reset names no backup:\n{said}"));
    assert!(
        backup.starts_with(".course-backups/exercise-03-fix-the-hang/"),
        "{said}"
    );
    assert_eq!(fs::read_to_string(dir.join(backup)).unwrap(), learners);
    let again = ok(&dir, &["reset", "3-2"]);
    assert!(again.contains("already is the original starter"), "{again}");
    let backups = fs::read_dir(dir.join(".course-backups/exercise-03-fix-the-hang")).unwrap();
    assert_eq!(backups.count(), 1, "a second reset made another backup");
}

/// Lines the child prints, as they come.
fn lines_of(child: &mut Child) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    let out = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Reads lines until one contains `wanted`; fails once the command has
/// printed nothing for `QUIET_LIMIT`, or has ended.
fn wait_for(lines: &mpsc::Receiver<String>, wanted: &str, seen: &mut Vec<String>) {
    loop {
        match lines.recv_timeout(QUIET_LIMIT) {
            Ok(line) => {
                let found = line.contains(wanted);
                seen.push(line);
                if found {
                    return;
                }
            }
            Err(e) => panic!(
                "waited for `{wanted}` from `cargo course watch` ({e:?}); it printed:\n{}",
                seen.join("\n")
            ),
        }
    }
}

/// Kills the watcher when the test ends, however it ends.
struct Watching(Child);

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn watch_reruns_on_save_and_moves_on() {
    let dir = scratch("watch");
    solve(&dir, 0);
    let child = Command::new(env!("CARGO_BIN_EXE_course"))
        .current_dir(&dir)
        .arg("watch")
        .env_remove("CARGO_TARGET_DIR")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the course binary runs");
    let mut watching = Watching(child);
    let lines = lines_of(&mut watching.0);
    let mut seen = Vec::new();
    wait_for(&lines, "Next: exercise 3-1", &mut seen);
    wait_for(&lines, "exercise 3-1 waits for your next save", &mut seen);
    solve(&dir, 1);
    wait_for(&lines, "Exercise 3-1 is done!", &mut seen);
    wait_for(&lines, "Next: exercise 3-2", &mut seen);
    wait_for(&lines, "exercise 3-2 waits for your next save", &mut seen);
}
