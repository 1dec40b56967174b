//! Runs every quiz program (crates `listings/chNN-*/quiz-NN-Q-*`, see
//! crates/book-model/src/quiz.rs) and checks what its quiz answer shows:
//! one trial per program, named by its package:
//! `cargo test -p listings --test quizzes quiz-05-1-two-sends-one-slot`.
//!
//! - `finishes`: exits successfully and prints `output.txt` (exactly, or the
//!   same lines in any order for `lines = "any-order"`);
//! - `panics`: exits with status 101 after printing `output.txt`, and the
//!   panic message is `panic.txt`;
//! - `blocks-forever`: prints `output.txt` and then stops for good, which a
//!   watchdog proves (see [`watch`]) before it kills the process;
//! - `main-waits-on-a-running-thread`: prints `output.txt`, and then, for all
//!   of [`MAIN_WAITS_FOR`], the main thread waits with no timeout and does not
//!   run while another thread keeps running (see [`MainWaits`]);
//! - `lines = "per-sender"`: the program runs
//!   [`VARYING_RUNS`] times and every run's stdout must fit `output.txt`
//!   ([`book_model::quiz::judge_per_sender`]).
//!
//! The compile-fail quiz programs are trybuild cases, checked by the
//! compile-fail package like every other case.
//!
//! `SNAPSHOTS=overwrite` (snapbox's switch, as for the listings; `cargo xtask
//! bless [FILTER]` sets it) records `output.txt` (and `panic.txt`) from a run
//! that ends the way the crate's metadata says; review the diff.

use book_model::quiz::{
    LOOK_AGAIN, Lines, MAIN_WAITS_FOR, Outcome, QuizProgram, VARYING_RUNS, judge_per_sender,
};
use libtest_mimic::{Arguments, Failed, Trial};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};
use support::workspace_root;

/// How long a program may go without progress (output, or any thread
/// running) before the test fails, naming what it waited for.
const NO_PROGRESS: Duration = Duration::from_secs(30);
/// How long a program that keeps running without printing (a busy loop)
/// may take before the test fails.
const LIMIT: Duration = Duration::from_secs(30);
/// The first look comes this soon; the time between looks then doubles up
/// to [`LOOK_AGAIN`], so a program that ends at once costs little.
const FIRST_LOOK: Duration = Duration::from_millis(1);

fn main() {
    if let Ok(kind) = std::env::var(HELPER) {
        helper(&kind);
    }
    let mut args = Arguments::from_args();
    // Most trials wait (for a program to stop, or while watching one that
    // never will), so run more at once than there are cores.
    args.test_threads.get_or_insert(6);
    let root = workspace_root();
    let bless = std::env::var("SNAPSHOTS").is_ok_and(|v| v == "overwrite");
    let programs = match book_model::quiz::all(root) {
        Ok(p) => p,
        Err(e) => {
            let trial = Trial::test("quiz-programs", move || Err(e.clone().into()));
            libtest_mimic::run(&args, vec![trial]).exit();
        }
    };
    let crates: Vec<QuizProgram> = programs.into_iter().filter(|p| p.dir.is_some()).collect();
    let built = if args.list {
        Ok(Default::default())
    } else {
        let mut cargo = vec!["build", "--quiet", "--bins"];
        let names: Vec<String> = crates.iter().map(QuizProgram::package).collect();
        for name in &names {
            cargo.extend(["-p", name]);
        }
        support::cargo_executables(&cargo)
    };
    let built = Arc::new(built);
    let mut trials = watchdog_trials();
    trials.extend(breakage_trials(&crates, &built));
    trials.extend(crates.into_iter().map(|program| {
        let built = Arc::clone(&built);
        Trial::test(program.package(), move || {
            let bins = built
                .as_ref()
                .as_ref()
                .map_err(|e| Failed::from(e.clone()))?;
            let exe = own_exe(bins, &program.package())?;
            check(&program, &exe, bless).map_err(Failed::from)
        })
    }));
    libtest_mimic::run(&args, trials).exit();
}

/// The quiz program's executable among those cargo built for its package:
/// a crate may build a listing's program beside its own (one it starts), and
/// its own is named after the package.
fn own_exe(bins: &BTreeMap<String, Vec<PathBuf>>, package: &str) -> Result<PathBuf, String> {
    bins.get(package)
        .into_iter()
        .flatten()
        .find(|exe| exe.file_stem().is_some_and(|stem| stem == package))
        .cloned()
        .ok_or_else(|| format!("cargo built no binary named {package}"))
}

fn rel(path: &Path) -> String {
    path.strip_prefix(workspace_root())
        .unwrap_or(path)
        .display()
        .to_string()
}

fn check(program: &QuizProgram, exe: &Path, bless: bool) -> Result<(), String> {
    if program.lines == Lines::PerSender {
        return check_varying(program, exe, bless);
    }
    let run = run_once(program, exe)?;
    let name = program.package();
    let stdout = shown_stdout(program, &run.stdout);
    compare_or_bless(&name, &program.expected_path(), &stdout, bless)?;
    if program.outcome == Outcome::Panics {
        let message = panic_message(&run.stderr).unwrap_or_default();
        compare_or_bless(&name, &program.panic_path().unwrap(), &message, bless)?;
    }
    Ok(())
}

/// Runs a quiz program once under the watchdog and checks that it ended the
/// way its quiz says.
fn run_once(program: &QuizProgram, exe: &Path) -> Result<Watched, String> {
    let name = program.package();
    let main_waits = program.outcome == Outcome::MainWaitsOnARunningThread;
    let run =
        watch(Command::new(exe), main_waits).map_err(|e| format!("{name}: cannot run: {e}"))?;
    let ended = match (&run.end, program.outcome) {
        (End::Exited(s), Outcome::Finishes) if s.success() => Ok(()),
        (End::Exited(s), Outcome::Panics) if s.code() == Some(101) => Ok(()),
        (End::Blocked, Outcome::BlocksForever) => Ok(()),
        (End::MainWaits, Outcome::MainWaitsOnARunningThread) => Ok(()),
        (end, expected) => Err(format!(
            "{name}: its quiz says it {}, but it {end}",
            match expected {
                Outcome::Finishes => "finishes",
                Outcome::Panics => "panics",
                Outcome::BlocksForever => "blocks forever",
                Outcome::MainWaitsOnARunningThread =>
                    "waits in its main thread while another thread runs",
                Outcome::DoesNotCompile => "does not compile",
            }
        )),
    };
    ended.map_err(|e| format!("{e}\n--- stdout\n{}--- stderr\n{}", run.stdout, run.stderr))?;
    if program.outcome == Outcome::Panics && panic_message(&run.stderr).is_none() {
        return Err(format!(
            "{name}: no panic message on stderr:\n{}",
            run.stderr
        ));
    }
    Ok(run)
}

/// A quiz whose lines mix differently from run to run: [`VARYING_RUNS`]
/// runs, each judged against `output.txt`. Blessing records the first run's
/// lines grouped by sender (senders in the order they first spoke), which
/// every run is then judged against; review it.
fn check_varying(program: &QuizProgram, exe: &Path, bless: bool) -> Result<(), String> {
    let name = program.package();
    let path = program.expected_path();
    let first = run_once(program, exe)?;
    if bless {
        let mut senders: Vec<(String, Vec<&str>)> = Vec::new();
        for line in first.stdout.lines() {
            let who = book_model::quiz::sender(line, program.sender_words);
            match senders.iter_mut().find(|(w, _)| *w == who) {
                Some((_, l)) => l.push(line),
                None => senders.push((who, vec![line])),
            }
        }
        let text: String = senders
            .iter()
            .flat_map(|(_, l)| l.iter().map(|l| format!("{l}\n")))
            .collect();
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", rel(&path)))?;
    }
    let expected = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "{name}: cannot read {} ({e}); record it with `cargo xtask bless {name}`",
            rel(&path)
        )
    })?;
    // Each run is judged as soon as it ends, so a wrong one stops the rest.
    let mut run = Some(first);
    for i in 1..=VARYING_RUNS {
        let this = match run.take() {
            Some(r) => r,
            None => run_once(program, exe)?,
        };
        judge_per_sender(&expected, &this.stdout, program.sender_words).map_err(|e| {
            format!(
                "{name}: run {i} of {VARYING_RUNS} does not fit {} (the quiz answer shows \
                 that file): {e}\n--- stdout\n{}",
                rel(&path),
                this.stdout
            )
        })?;
        if i == 1 && program.outcome == Outcome::Panics {
            let message = panic_message(&this.stderr).unwrap_or_default();
            compare_or_bless(&name, &program.panic_path().unwrap(), &message, bless)?;
        }
    }
    Ok(())
}

fn compare_or_bless(name: &str, path: &Path, actual: &str, bless: bool) -> Result<(), String> {
    if bless {
        return std::fs::write(path, actual)
            .map_err(|e| format!("cannot write {}: {e}", rel(path)));
    }
    let recorded = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "{name}: cannot read {} ({e}); record it with `cargo xtask bless {name}`",
            rel(path)
        )
    })?;
    if recorded != actual {
        return Err(format!(
            "{name}: what it printed differs from {} (the quiz answer shows that file; if the \
             new output is right, record it with `cargo xtask bless {name}` and review the \
             diff)\n--- recorded\n{recorded}--- actual\n{actual}",
            rel(path)
        ));
    }
    Ok(())
}

/// Stdout as the answer shows it: sorted when the order varies.
fn shown_stdout(program: &QuizProgram, stdout: &str) -> String {
    if program.lines != Lines::AnyOrder {
        return stdout.to_string();
    }
    let mut lines: Vec<&str> = stdout.lines().collect();
    lines.sort();
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// The message of the last panic on stderr (the one that ended the
/// process): the lines after `thread '...' (...) panicked at FILE:LINE:COL:`
/// up to the next `note:` or panic line.
fn panic_message(stderr: &str) -> Option<String> {
    let lines: Vec<&str> = stderr.lines().collect();
    let last = lines.iter().rposition(|l| l.contains(" panicked at "))?;
    let mut lines = lines[last..].iter().copied();
    lines.next()?;
    let message: Vec<&str> = lines
        .take_while(|l| !l.starts_with("note: ") && !l.contains(" panicked at "))
        .collect();
    Some(message.iter().map(|l| format!("{l}\n")).collect())
}

/// How a watched run ended.
#[derive(Debug)]
enum End {
    Exited(ExitStatus),
    /// Every thread was waiting with no timeout, twice in a row with no
    /// thread running in between: nothing can ever wake it. Killed.
    Blocked,
    /// For [`MAIN_WAITS_FOR`], the main thread waited with no timeout and
    /// did not run, while another thread ran between every two looks.
    /// Killed. Only judged when asked for.
    MainWaits,
    /// No progress for [`NO_PROGRESS`], or still running after [`LIMIT`]
    /// without being blocked for good. Killed.
    Stalled(String),
}

impl std::fmt::Display for End {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            End::Exited(s) => write!(f, "exited with {s}"),
            End::Blocked => write!(f, "blocked forever (every thread waiting with no timeout)"),
            End::MainWaits => write!(
                f,
                "kept its main thread waiting with no timeout for {MAIN_WAITS_FOR:?} while \
                 another thread ran"
            ),
            End::Stalled(why) => write!(f, "was killed: {why}"),
        }
    }
}

struct Watched {
    stdout: String,
    stderr: String,
    end: End,
}

/// Runs a program and watches it until it exits or provably never will.
///
/// "Never" is read from Linux's `/proc`: each thread's current system call
/// (`/proc/PID/task/TID/syscall`) is a futex wait with a null timeout (how
/// std's `park`, `Mutex`, `Condvar` and `JoinHandle::join` sleep) or a
/// `read` of a pipe that no other process holds open, the thread is asleep
/// (`State: S`), and its context-switch counts do not move between two
/// looks, nor does the output. A thread in such a wait runs again only when
/// another thread of the process wakes it (or writes to the pipe); when
/// none is running, none ever will. A program that keeps
/// running or printing is progressing; one that stops progressing without
/// being blocked like that fails after [`NO_PROGRESS`], naming each
/// thread's state.
///
/// With `main_waits`, it also stops at [`End::MainWaits`] (see
/// [`MainWaits`]), which proves less: what was seen, for as long as it was
/// watched.
fn watch(mut cmd: Command, main_waits: bool) -> std::io::Result<Watched> {
    let mut child = cmd
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let out = Arc::new(Mutex::new(Vec::new()));
    let err = Arc::new(Mutex::new(Vec::new()));
    let readers = [
        pump(child.stdout.take().unwrap(), Arc::clone(&out)),
        pump(child.stderr.take().unwrap(), Arc::clone(&err)),
    ];
    let pid = child.id();
    let start = Instant::now();
    let mut last_progress = Instant::now();
    let mut last: Option<Snapshot> = None;
    let mut waits = MainWaits::default();
    let mut pause = FIRST_LOOK;
    let end = loop {
        if let Some(status) = child.try_wait()? {
            break End::Exited(status);
        }
        let output = (out.lock().unwrap().len(), err.lock().unwrap().len());
        let now = match Snapshot::take(pid, output) {
            Ok(s) => s,
            // The process ended between the two calls: try_wait sees it next.
            Err(_) => continue,
        };
        if last.as_ref() != Some(&now) {
            last_progress = Instant::now();
        } else if now.all_blocked() {
            break End::Blocked;
        }
        if main_waits && waits.look(last.as_ref(), &now, pid) {
            break End::MainWaits;
        }
        if last_progress.elapsed() > NO_PROGRESS {
            break End::Stalled(format!(
                "no progress for {NO_PROGRESS:?} (waited for it to exit, or for every thread \
                 to wait with no timeout); threads: {}",
                now.describe()
            ));
        }
        if start.elapsed() > LIMIT {
            break End::Stalled(format!(
                "still running after {LIMIT:?} (waited for it to exit, or for every thread to \
                 wait with no timeout); threads: {}",
                now.describe()
            ));
        }
        last = Some(now);
        thread::sleep(pause);
        pause = (pause * 2).min(LOOK_AGAIN);
    };
    if !matches!(end, End::Exited(_)) {
        let _ = child.kill();
        let _ = child.wait();
    }
    for r in readers {
        let _ = r.join();
    }
    let text = |b: &Arc<Mutex<Vec<u8>>>| String::from_utf8_lossy(&b.lock().unwrap()).into_owned();
    Ok(Watched {
        stdout: text(&out),
        stderr: text(&err),
        end,
    })
}

fn pump(mut from: impl Read + Send + 'static, into: Arc<Mutex<Vec<u8>>>) -> thread::JoinHandle<()> {
    thread::spawn(move || {
        let mut buf = [0; 4096];
        while let Ok(n) = from.read(&mut buf) {
            if n == 0 {
                break;
            }
            into.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    })
}

/// One look at a process: its output so far and each thread's state.
#[derive(Debug, PartialEq, Eq)]
struct Snapshot {
    output: (usize, usize),
    threads: Vec<ThreadState>,
}

#[derive(Debug, PartialEq, Eq)]
struct ThreadState {
    tid: String,
    /// Voluntary and involuntary context switches: they move whenever the
    /// thread has run.
    switches: String,
    /// `/proc/.../syscall`: the system call it is in, with its arguments.
    syscall: String,
    /// The `State:` line: `S (sleeping)` while it waits; a thread woken
    /// but not yet run is `R`, and may wake others.
    state: String,
    /// The pipe it is reading, when no other process holds that pipe.
    own_pipe: Option<String>,
}

/// The futex system call's number on this machine.
#[cfg(target_arch = "x86_64")]
const FUTEX: Option<&str> = Some("202");
#[cfg(target_arch = "aarch64")]
const FUTEX: Option<&str> = Some("98");
#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
const FUTEX: Option<&str> = None;
/// The read system call's number on this machine.
#[cfg(target_arch = "x86_64")]
const READ: Option<&str> = Some("0");
#[cfg(target_arch = "aarch64")]
const READ: Option<&str> = Some("63");
#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
const READ: Option<&str> = None;

/// The pipe a thread of `pid` is reading, if its system call is a `read` of
/// a pipe that no other process holds open (`/proc/*/fd` of every process
/// this user can see). Such a read ends only when a thread of `pid` writes
/// to the pipe or closes it.
fn reads_a_pipe_of_its_own(pid: u32, syscall: &str) -> Option<String> {
    let f: Vec<&str> = syscall.split_whitespace().collect();
    if READ.is_none() || f.first() != READ.as_ref() {
        return None;
    }
    let fd = u64::from_str_radix(f.get(1)?.trim_start_matches("0x"), 16).ok()?;
    let pipe = std::fs::read_link(format!("/proc/{pid}/fd/{fd}")).ok()?;
    let pipe = pipe.to_string_lossy().into_owned();
    if !pipe.starts_with("pipe:[") {
        return None;
    }
    for process in std::fs::read_dir("/proc").ok()?.flatten() {
        let name = process.file_name().to_string_lossy().into_owned();
        if name == pid.to_string() || !name.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let Ok(fds) = std::fs::read_dir(process.path().join("fd")) else {
            continue;
        };
        for fd in fds.flatten() {
            if std::fs::read_link(fd.path()).is_ok_and(|l| l.to_string_lossy() == pipe) {
                return None;
            }
        }
    }
    Some(pipe)
}

impl Snapshot {
    fn take(pid: u32, output: (usize, usize)) -> std::io::Result<Snapshot> {
        let mut threads = Vec::new();
        let mut tids: Vec<String> = std::fs::read_dir(format!("/proc/{pid}/task"))?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        tids.sort();
        for tid in tids {
            let dir = format!("/proc/{pid}/task/{tid}");
            let status = std::fs::read_to_string(format!("{dir}/status"))?;
            let state = status
                .lines()
                .find(|l| l.starts_with("State:"))
                .unwrap_or_default()
                .to_string();
            let switches = status
                .lines()
                .filter(|l| l.contains("ctxt_switches"))
                .collect::<Vec<_>>()
                .join(" ");
            let syscall = std::fs::read_to_string(format!("{dir}/syscall"))?
                .trim()
                .to_string();
            let own_pipe = reads_a_pipe_of_its_own(pid, &syscall);
            threads.push(ThreadState {
                tid,
                switches,
                syscall,
                state,
                own_pipe,
            });
        }
        Ok(Snapshot { output, threads })
    }

    /// Every thread is asleep in a futex wait (`FUTEX_WAIT` or
    /// `FUTEX_WAIT_BITSET`) with a null timeout, or in a `read` of a pipe no
    /// other process holds.
    fn all_blocked(&self) -> bool {
        !self.threads.is_empty() && self.threads.iter().all(ThreadState::waits_untimed)
    }

    fn thread(&self, tid: &str) -> Option<&ThreadState> {
        self.threads.iter().find(|t| t.tid == tid)
    }

    fn describe(&self) -> String {
        self.threads
            .iter()
            .map(|t| format!("{} in `{}`", t.tid, t.syscall))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

impl ThreadState {
    /// Asleep in a futex wait with no timeout, or reading a pipe that only
    /// its own process holds: only another thread of the process can make it
    /// run again.
    fn waits_untimed(&self) -> bool {
        let Some(futex) = FUTEX else { return false };
        let f: Vec<&str> = self.syscall.split_whitespace().collect();
        let op = f
            .get(2)
            .and_then(|op| u64::from_str_radix(op.trim_start_matches("0x"), 16).ok());
        let futex_wait = f.first() == Some(&futex)
            && matches!(op.map(|op| op & 0x7f), Some(0 | 9))
            && f.get(4) == Some(&"0x0");
        self.state.contains("S (sleeping)") && (futex_wait || self.own_pipe.is_some())
    }
}

/// Judges [`End::MainWaits`] from consecutive looks: at each, the main
/// thread (the one whose id is the process's) is asleep in an untimed futex
/// wait and has not run since the previous look, and some other thread has
/// run in between (its context switches moved). Held for [`MAIN_WAITS_FOR`]
/// without a break, that is what a `join` on a thread that never ends looks
/// like for that long; one look that breaks it starts the count again.
#[derive(Default)]
struct MainWaits {
    /// When the main thread was last seen before the current unbroken run
    /// of such looks.
    since: Option<Instant>,
    last_look: Option<Instant>,
}

impl MainWaits {
    fn look(&mut self, last: Option<&Snapshot>, now: &Snapshot, pid: u32) -> bool {
        let main = pid.to_string();
        let held = last.is_some_and(|last| {
            let (Some(was), Some(is)) = (last.thread(&main), now.thread(&main)) else {
                return false;
            };
            let others_ran = now.threads.iter().any(|t| {
                t.tid != main && last.thread(&t.tid).is_none_or(|l| l.switches != t.switches)
            });
            is.waits_untimed() && was.switches == is.switches && others_ran
        });
        let at = Instant::now();
        if held {
            self.since = self.since.or(self.last_look);
        } else {
            self.since = None;
        }
        self.last_look = Some(at);
        self.since
            .is_some_and(|s| at.duration_since(s) >= MAIN_WAITS_FOR)
    }
}

/// Deliberate breakages: a quiz whose recorded output is wrong, one whose
/// metadata says a program that blocks forever finishes, and one whose
/// recorded lines put a sender's lines out of order must fail, naming the
/// file or the outcome.
fn breakage_trials(
    crates: &[QuizProgram],
    built: &Arc<Result<std::collections::BTreeMap<String, Vec<std::path::PathBuf>>, String>>,
) -> Vec<Trial> {
    let find = |id: &str| crates.iter().find(|p| p.id == id).cloned();
    let cases = [
        (
            "breakage::wrong-output-fails",
            find("02-2-two-sends-then-recv"),
        ),
        (
            "breakage::wrong-outcome-fails",
            find("05-1-two-sends-one-slot"),
        ),
        (
            "breakage::a-sender-out-of-order-fails",
            find("15-2-events-as-received"),
        ),
    ];
    cases
        .into_iter()
        .map(|(name, program)| {
            let built = Arc::clone(built);
            Trial::test(name, move || {
                let mut program = program.ok_or("the quiz program this proof uses is gone")?;
                let bins = built
                    .as_ref()
                    .as_ref()
                    .map_err(|e| Failed::from(e.clone()))?;
                let exe = own_exe(bins, &program.package())?;
                let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name.replace("::", "-"));
                std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
                let expect = if name.contains("out-of-order") {
                    let mut lines: Vec<String> = std::fs::read_to_string(program.expected_path())
                        .map_err(|e| e.to_string())?
                        .lines()
                        .map(|l| format!("{l}\n"))
                        .collect();
                    // The grill's `started` after its first `advanced`.
                    lines.swap(0, 1);
                    std::fs::write(dir.join("output.txt"), lines.concat())
                        .map_err(|e| e.to_string())?;
                    "`grill:`'s lines are not its first"
                } else if name.contains("output") {
                    // Its real output is `Ok(1)`.
                    std::fs::write(dir.join("output.txt"), "Ok(2)\n").map_err(|e| e.to_string())?;
                    "differs from"
                } else {
                    std::fs::write(dir.join("output.txt"), "").map_err(|e| e.to_string())?;
                    program.outcome = Outcome::Finishes;
                    "its quiz says it finishes, but it blocked forever"
                };
                program.dir = Some(dir);
                match check(&program, &exe, false) {
                    Ok(()) => Err(format!("the broken quiz `{}` passed", program.id).into()),
                    Err(e) if e.contains(expect) => Ok(()),
                    Err(e) => Err(format!("expected a message with {expect:?}, got: {e}").into()),
                }
            })
        })
        .collect()
}

/// The watchdog's own proofs, run as helper programs: this test binary
/// started again with [`HELPER`] set does one kind of waiting.
const HELPER: &str = "QUIZ_WATCHDOG_HELPER";

fn helper(kind: &str) -> ! {
    let (_tx, rx) = std::sync::mpsc::channel::<()>();
    match kind {
        "recv" => {
            let _ = rx.recv();
        }
        "recv-timeout" => {
            let _ = rx.recv_timeout(Duration::from_secs(20));
        }
        "spin" => {
            let start = Instant::now();
            while start.elapsed() < Duration::from_secs(20) {
                std::hint::spin_loop();
            }
        }
        // Reads a pipe whose write end only this process holds.
        "read-own-pipe" => {
            let (mut reader, _writer) = std::io::pipe().unwrap();
            let _ = reader.read(&mut [0; 8]);
        }
        // Reads its stdin, a pipe the test holds the write end of.
        "read-stdin" => {
            let _ = std::io::stdin().read(&mut [0; 8]);
        }
        // The main thread joins a thread that ticks and never ends.
        "join-a-ticker" => {
            let _ = thread::spawn(|| ticks(Duration::MAX)).join();
        }
        // ... one that ends well within the watch.
        "join-a-short-ticker" => {
            let _ = thread::spawn(|| ticks(MAIN_WAITS_FOR / 4)).join();
        }
        // The main thread ticks while another waits for good.
        "main-ticks" => {
            thread::spawn(move || rx.recv());
            ticks(Duration::from_secs(20));
        }
        // The main thread waits with a timeout, again and again, while
        // another ticks.
        "main-waits-with-a-timeout" => {
            thread::spawn(|| ticks(Duration::MAX));
            let start = Instant::now();
            while start.elapsed() < Duration::from_secs(20) {
                let _ = rx.recv_timeout(Duration::from_secs(20));
            }
        }
        other => panic!("no helper {other}"),
    }
    std::process::exit(0)
}

/// A thread that keeps running for `how_long`: short sleeps, like a clock.
fn ticks(how_long: Duration) {
    let start = Instant::now();
    while start.elapsed() < how_long {
        thread::sleep(Duration::from_millis(1));
    }
}

/// The watchdog judges a `recv` with no sender able to send as blocked for
/// good, and never a wait with a timeout or a busy loop, however quiet. It
/// judges a main thread that joins a ticking thread as waiting on a running
/// thread, and not a join that ends, a main thread that runs, or one that
/// waits with a timeout.
fn watchdog_trials() -> Vec<Trial> {
    let me = || {
        let mut cmd = Command::new(std::env::current_exe().unwrap());
        cmd.env("RUST_TEST_THREADS", "1");
        cmd
    };
    let blocked = [
        ("recv-with-no-sender-left-to-send", "recv"),
        ("read-of-a-pipe-only-it-holds", "read-own-pipe"),
    ]
    .map(|(name, kind)| {
        Trial::test(format!("watchdog::{name}-is-blocked"), move || {
            let mut cmd = me();
            cmd.env(HELPER, kind);
            match watch(cmd, false).map_err(|e| e.to_string())?.end {
                End::Blocked => Ok(()),
                other => Err(format!("`{kind}`: the watchdog says it {other}").into()),
            }
        })
    });
    let not_blocked = ["recv-timeout", "spin", "read-stdin"].map(|kind| {
        Trial::test(format!("watchdog::{kind}-is-not-blocked"), move || {
            // For `read-stdin`: this test holds the pipe's write end, so
            // the helper's read could still end.
            let mut child = me()
                .env(HELPER, kind)
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .spawn()
                .map_err(|e| e.to_string())?;
            // Look as the watchdog does, long enough for the helper to be waiting.
            let mut verdict = Ok(());
            for _ in 0..10 {
                thread::sleep(LOOK_AGAIN);
                if let Ok(s) = Snapshot::take(child.id(), (0, 0))
                    && s.all_blocked()
                {
                    verdict = Err(format!("judged `{kind}` blocked forever: {}", s.describe()));
                    break;
                }
            }
            let _ = child.kill();
            let _ = child.wait();
            verdict.map_err(Failed::from)
        })
    });
    let main_waits = Trial::test("watchdog::main-joins-a-ticking-thread-waits", move || {
        let mut cmd = me();
        cmd.env(HELPER, "join-a-ticker");
        match watch(cmd, true).map_err(|e| e.to_string())?.end {
            End::MainWaits => Ok(()),
            other => Err(format!(
                "main joins a thread that ticks forever: the watchdog says it {other}"
            )
            .into()),
        }
    });
    let join_ends = Trial::test("watchdog::a-join-that-ends-is-not-main-waits", move || {
        let mut cmd = me();
        cmd.env(HELPER, "join-a-short-ticker");
        match watch(cmd, true).map_err(|e| e.to_string())?.end {
            End::Exited(s) if s.success() => Ok(()),
            other => Err(format!(
                "main joins a thread that ends after {:?}: the watchdog says it {other}",
                MAIN_WAITS_FOR / 4
            )
            .into()),
        }
    });
    let not_main_waits = ["main-ticks", "main-waits-with-a-timeout"].map(|kind| {
        Trial::test(format!("watchdog::{kind}-is-not-main-waits"), move || {
            let mut child = me()
                .env(HELPER, kind)
                .stdout(Stdio::null())
                .spawn()
                .map_err(|e| e.to_string())?;
            // Look as the watchdog does, a few looks longer than it needs.
            let (mut waits, mut last) = (MainWaits::default(), None);
            let mut verdict = Ok(());
            let start = Instant::now();
            while start.elapsed() < MAIN_WAITS_FOR + LOOK_AGAIN * 4 {
                thread::sleep(LOOK_AGAIN);
                let Ok(now) = Snapshot::take(child.id(), (0, 0)) else {
                    continue;
                };
                if waits.look(last.as_ref(), &now, child.id()) {
                    verdict = Err(format!(
                        "judged `{kind}` as a main thread waiting on a running one: {}",
                        now.describe()
                    ));
                    break;
                }
                last = Some(now);
            }
            let _ = child.kill();
            let _ = child.wait();
            verdict.map_err(Failed::from)
        })
    });
    let mut trials = vec![main_waits, join_ends];
    trials.extend(blocked);
    trials.extend(not_blocked);
    trials.extend(not_main_waits);
    trials
}
