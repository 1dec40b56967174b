//! The one way the checks (and `cargo xtask`) run a program they wait for.
//!
//! It judges progress, not only a total time: a program that writes nothing
//! (to stdout or stderr) for [`Watch::quiet`] is taken to hang and is killed,
//! while [`Watch::cap`] stays as a hard limit for a program that keeps
//! talking without ever finishing. Either way the result says which limit
//! ended the run and what was waited for, so a failure names the program.
//!
//! On Unix the program gets its own process group and the whole group is
//! killed: a `cargo test` that hangs must not leave its test binary running
//! (and holding the pipes open) after `cargo` itself is gone.

use std::fmt;
use std::io::Read;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};
use wait_timeout::ChildExt;

/// How a run is bounded, and what it is called in a failure.
#[derive(Debug, Clone)]
pub struct Watch {
    /// What is being waited for, as a failure names it (`listing-02-01-...`,
    /// `cargo test -p conformance`).
    pub what: String,
    /// Kill the program when it has written nothing for this long.
    pub quiet: Duration,
    /// Kill the program when it has run this long, whatever it writes.
    pub cap: Duration,
}

impl Watch {
    /// A program that must finish within `limit`, talking or not (a listing:
    /// it finishes in well under a second, so a quiet bound would be the same).
    pub fn within(what: impl Into<String>, limit: Duration) -> Self {
        Watch {
            what: what.into(),
            quiet: limit,
            cap: limit,
        }
    }
}

/// Why a run was stopped before it finished.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stopped {
    /// It wrote nothing for this long.
    Quiet(Duration),
    /// It ran into the hard cap.
    Cap(Duration),
}

/// A program that ran to the end, or was stopped by its [`Watch`].
#[derive(Debug)]
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    /// `None` when the run was stopped (see [`Run::stopped`]).
    pub status: Option<ExitStatus>,
    pub elapsed: Duration,
    /// Which bound stopped it, if one did.
    pub stopped: Option<Stopped>,
    /// What was waited for (from the [`Watch`]).
    pub what: String,
}

impl Run {
    /// A sentence for a failure when the run was stopped: what was waited
    /// for, and which bound ran out.
    pub fn stop_reason(&self) -> Option<String> {
        self.stopped.as_ref().map(|s| s.reason(&self.what))
    }
}

impl Stopped {
    /// A sentence for a failure: what was waited for, and which bound ran out.
    pub fn reason(&self, what: &str) -> String {
        match self {
            Stopped::Quiet(d) => format!(
                "{what} wrote nothing for {} s and was killed (a hang?)",
                d.as_secs_f32()
            ),
            Stopped::Cap(d) => format!(
                "{what} did not finish within its hard cap of {} s and was killed",
                d.as_secs_f32()
            ),
        }
    }
}

impl fmt::Display for Stopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stopped::Quiet(d) => write!(f, "no output for {d:?}"),
            Stopped::Cap(d) => write!(f, "over its hard cap of {d:?}"),
        }
    }
}

/// Output read so far, and when the last byte arrived.
struct Progress {
    start: Instant,
    /// Milliseconds after `start` of the last byte read.
    last: AtomicU64,
}

impl Progress {
    fn touch(&self) {
        let now = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last.store(now, Ordering::Relaxed);
    }

    fn silent_for(&self) -> Duration {
        self.start
            .elapsed()
            .saturating_sub(Duration::from_millis(self.last.load(Ordering::Relaxed)))
    }
}

/// Optional: a line-by-line observer of the output as it arrives (for a task
/// that shows progress while it waits).
pub type Echo = Arc<dyn Fn(&str) + Send + Sync>;

/// Runs `cmd` with no input under `watch`, capturing stdout and stderr.
pub fn run_watched(cmd: Command, watch: &Watch) -> std::io::Result<Run> {
    run_watched_echo(cmd, watch, None)
}

/// As [`run_watched`], also handing every chunk of output to `echo`.
pub fn run_watched_echo(
    mut cmd: Command,
    watch: &Watch,
    echo: Option<Echo>,
) -> std::io::Result<Run> {
    let start = Instant::now();
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let mut child = cmd.spawn()?;
    let progress = Arc::new(Progress {
        start,
        last: AtomicU64::new(0),
    });
    let out = reader(child.stdout.take(), &progress, echo.clone());
    let err = reader(child.stderr.take(), &progress, echo);

    // Wake up often enough to notice silence soon after the bound.
    let tick = (watch.quiet / 10).clamp(Duration::from_millis(10), Duration::from_millis(500));
    let (status, stopped) = loop {
        if let Some(status) = child.wait_timeout(tick)? {
            break (Some(status), None);
        }
        // Silence is the sharper diagnosis, so it is named first.
        let stop = if progress.silent_for() >= watch.quiet {
            Some(Stopped::Quiet(watch.quiet))
        } else if start.elapsed() >= watch.cap {
            Some(Stopped::Cap(watch.cap))
        } else {
            None
        };
        if let Some(stop) = stop {
            kill(&mut child);
            break (None, Some(stop));
        }
    };
    let elapsed = start.elapsed();
    Ok(Run {
        stdout: collect(out),
        stderr: collect(err),
        status,
        elapsed,
        stopped,
        what: watch.what.clone(),
    })
}

type Reader = (Arc<Mutex<Vec<u8>>>, thread::JoinHandle<()>);

/// Reads a pipe on its own thread, so a chatty child never blocks on a full
/// pipe while we wait for it, noting each arrival as progress.
fn reader(
    pipe: Option<impl Read + Send + 'static>,
    progress: &Arc<Progress>,
    echo: Option<Echo>,
) -> Reader {
    let buf = Arc::new(Mutex::new(Vec::new()));
    let (sink, progress) = (Arc::clone(&buf), Arc::clone(progress));
    let handle = thread::spawn(move || {
        let Some(mut pipe) = pipe else { return };
        let mut chunk = [0u8; 8192];
        while let Ok(n) = pipe.read(&mut chunk) {
            if n == 0 {
                break;
            }
            progress.touch();
            if let Some(echo) = &echo {
                echo(&String::from_utf8_lossy(&chunk[..n]));
            }
            sink.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .extend_from_slice(&chunk[..n]);
        }
    });
    (buf, handle)
}

/// What a reader read. A grandchild that escaped the kill may still hold the
/// pipe open: wait a little for the end of the output, then take what there is.
fn collect((buf, handle): Reader) -> String {
    let deadline = Instant::now() + Duration::from_secs(2);
    while !handle.is_finished() && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(5));
    }
    if handle.is_finished() {
        let _ = handle.join();
    }
    let bytes = buf.lock().unwrap_or_else(PoisonError::into_inner);
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Kills the child's whole process group (Unix), or the child.
fn kill(child: &mut Child) {
    #[cfg(unix)]
    if let Some(pid) = i32::try_from(child.id())
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    {
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
    let _ = child.kill();
    let _ = child.wait();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str) -> Command {
        let mut cmd = Command::new("sh");
        cmd.arg("-c").arg(script);
        cmd
    }

    #[test]
    fn a_silent_program_is_killed_by_the_quiet_bound_and_named() {
        let watch = Watch {
            what: "the silent one".into(),
            quiet: Duration::from_millis(300),
            cap: Duration::from_secs(20),
        };
        let run = run_watched(sh("echo started; sleep 30"), &watch).unwrap();
        assert_eq!(run.status, None);
        assert_eq!(run.stopped, Some(Stopped::Quiet(watch.quiet)));
        assert_eq!(run.stdout, "started\n");
        assert!(run.elapsed < Duration::from_secs(10), "{:?}", run.elapsed);
        let reason = run.stop_reason().unwrap();
        assert!(
            reason.starts_with("the silent one wrote nothing for 0.3 s"),
            "{reason}"
        );
    }

    #[test]
    fn a_talking_program_runs_past_the_quiet_bound_until_the_cap() {
        let watch = Watch {
            what: "the chatty one".into(),
            quiet: Duration::from_millis(400),
            cap: Duration::from_millis(1500),
        };
        let run = run_watched(sh("while true; do echo tick; sleep 0.05; done"), &watch).unwrap();
        assert_eq!(run.stopped, Some(Stopped::Cap(watch.cap)));
        assert!(run.stdout.lines().count() > 5, "{}", run.stdout);
        assert!(run.stop_reason().unwrap().contains("hard cap of 1.5 s"));
    }

    #[test]
    fn the_whole_process_group_is_killed() {
        // The grandchild keeps the pipe open; if it survived the kill, the
        // output would not end and collect() would wait out its grace period.
        let watch = Watch::within("a shell with a child", Duration::from_millis(300));
        let start = Instant::now();
        let run = run_watched(sh("sleep 30 & sleep 30"), &watch).unwrap();
        assert!(run.stopped.is_some());
        let took = start.elapsed();
        assert!(took < Duration::from_millis(1800), "{took:?}");
    }

    #[test]
    fn a_finished_program_keeps_its_status_and_output() {
        let run = run_watched(
            sh("echo out; echo err >&2; exit 3"),
            &Watch::within("sh", Duration::from_secs(20)),
        )
        .unwrap();
        assert_eq!(run.status.and_then(|s| s.code()), Some(3));
        assert_eq!(
            (run.stdout.as_str(), run.stderr.as_str()),
            ("out\n", "err\n")
        );
        assert_eq!(run.stop_reason(), None);
    }
}
