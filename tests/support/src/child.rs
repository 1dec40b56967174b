//! Judging the progress of a program that something else starts and waits
//! for, with no hook of ours: skeptic's runtime compiles a snippet with rustc
//! and runs it with `Command::output()`, which waits as long as the program
//! does.
//!
//! [`watch_child`] runs that work on a thread of its own and looks at this
//! process's children meanwhile (Linux's `/proc`, read through procfs). The
//! first child the caller's test picks is the program; what it has written
//! so far (`wchar` in `/proc/PID/io`: every byte it passed to `write`, to its
//! pipes or anywhere else) is its progress, as [`run_watched`] counts the
//! output of a program it starts itself. Output rather than CPU time, because
//! a hang may spin (a flag that is never set) and look busy, while every
//! program in the book that makes progress says so.
//!
//! Until the program shows up (rustc is still compiling, and rustc always
//! ends) silence is not judged: only the hard cap applies. A program silent
//! for [`Watch::quiet`] is killed, which ends the work's wait; the result
//! says which bound ran out, what was waited for, and what each of the
//! program's threads was doing. The kill goes through a pidfd opened while
//! the process was known to be the one picked, so a pid the system has since
//! given to another process is never hit.
//!
//! Elsewhere than on Linux no program is seen, and only the cap applies.
//!
//! [`run_watched`]: crate::process::run_watched

use crate::process::{Stopped, Watch};
use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

/// How long the work has to return once its program was killed (its wait
/// ends with the program); past that it is given up on.
const GRACE: Duration = Duration::from_secs(10);

/// A child of this process, as the caller's test sees it.
#[derive(Debug)]
pub struct Seen {
    pub pid: u32,
    /// The executable it runs, when /proc tells.
    pub exe: Option<PathBuf>,
    /// Its working directory, when /proc tells.
    pub cwd: Option<PathBuf>,
}

/// The work's result and, if a bound ran out, which.
#[derive(Debug)]
pub struct Watched<T> {
    /// What the work returned; `None` when it did not return within its
    /// grace period after a bound ran out.
    pub value: Option<T>,
    pub stopped: Option<Stopped>,
    /// What was waited for (from the [`Watch`]).
    pub what: String,
    /// Whether a program was picked out at all while the work ran.
    pub seen: bool,
    /// What the program's threads were doing when it was killed.
    pub threads: Option<String>,
    pub elapsed: Duration,
}

impl<T> Watched<T> {
    /// A sentence for a failure when a bound ran out.
    pub fn stop_reason(&self) -> Option<String> {
        self.stopped.as_ref().map(|s| {
            if let (false, Stopped::Cap(cap)) = (self.seen, s) {
                return format!(
                    "{} did not finish within its hard cap of {} s, and no program of it was \
                     seen to start (still compiling?)",
                    self.what,
                    cap.as_secs_f32()
                );
            }
            let mut reason = s.reason(&self.what);
            if let Some(threads) = &self.threads {
                reason += &format!("; its threads then: {threads}");
            }
            if self.value.is_none() {
                reason += " (and the wait for it did not end)";
            }
            reason
        })
    }
}

/// Runs `work` on a thread of its own and judges the progress of the child
/// program it starts, the one `is_it` picks, under `watch` (see the module).
pub fn watch_child<T, W>(watch: &Watch, is_it: impl Fn(&Seen) -> bool, work: W) -> Watched<T>
where
    T: Send + 'static,
    W: FnOnce() -> T + Send + 'static,
{
    let start = Instant::now();
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || {
        let _ = done_tx.send(work());
    });
    let tick = (watch.quiet / 10).clamp(Duration::from_millis(10), Duration::from_millis(500));
    let mut followed: Option<Followed> = None;
    let (mut stopped, mut threads, mut seen) = (None, None, false);
    let mut give_up_at: Option<Instant> = None;
    let value = loop {
        match done_rx.recv_timeout(tick) {
            Ok(value) => break Some(value),
            Err(RecvTimeoutError::Disconnected) => break None,
            Err(RecvTimeoutError::Timeout) => {}
        }
        if let Some(at) = give_up_at {
            if Instant::now() >= at {
                break None;
            }
            continue;
        }
        if let Some(f) = &mut followed {
            match f.program.written() {
                Some(written) if written != f.written => {
                    f.written = written;
                    f.last = Instant::now();
                }
                Some(_) => {}
                // It has ended: the work's wait ends with it, or it starts another.
                None => followed = None,
            }
        }
        if followed.is_none() {
            followed = os::find(&is_it).map(|(program, written)| Followed {
                program,
                written,
                last: Instant::now(),
            });
            seen |= followed.is_some();
        }
        let stop = if followed
            .as_ref()
            .is_some_and(|f| f.last.elapsed() >= watch.quiet)
        {
            Some(Stopped::Quiet(watch.quiet))
        } else if start.elapsed() >= watch.cap {
            Some(Stopped::Cap(watch.cap))
        } else {
            None
        };
        if let Some(stop) = stop {
            // With nothing killed, nothing will end the work's wait.
            let mut grace = Duration::ZERO;
            if let Some(f) = &followed {
                threads = Some(f.program.threads());
                f.program.kill();
                grace = GRACE;
            }
            stopped = Some(stop);
            give_up_at = Some(Instant::now() + grace);
        }
    };
    Watched {
        value,
        stopped,
        what: watch.what.clone(),
        seen,
        threads,
        elapsed: start.elapsed(),
    }
}

/// The program being judged: what it had written when last looked at, and
/// when that last grew.
struct Followed {
    program: os::Program,
    written: u64,
    last: Instant,
}

#[cfg(target_os = "linux")]
mod os {
    use super::Seen;
    use procfs::process::Process;
    use rustix::fd::OwnedFd;
    use rustix::process::{Pid, PidfdFlags, Signal, pidfd_open, pidfd_send_signal};

    pub struct Program {
        /// Holds `/proc/PID` open: reads through it fail once the process
        /// is gone, even if its pid is given to another.
        process: Process,
        pidfd: OwnedFd,
    }

    /// The child `is_it` picks, with what it has written so far. Children
    /// are found through each thread's `children` list rather than a scan
    /// of every process on the system, which costs far more when it is
    /// looked at many times a second.
    pub fn find(is_it: &dyn Fn(&Seen) -> bool) -> Option<(Program, u64)> {
        let lists: Vec<_> = Process::myself()
            .ok()?
            .tasks()
            .ok()?
            .flatten()
            .map(|task| task.children())
            .collect();
        let children: Vec<i32> = if lists.iter().any(Result::is_ok) {
            lists
                .into_iter()
                .flatten()
                .flatten()
                .filter_map(|pid| i32::try_from(pid).ok())
                .collect()
        } else {
            // A kernel without the `children` lists: every process's parent.
            let me = i32::try_from(std::process::id()).ok()?;
            procfs::process::all_processes()
                .ok()?
                .flatten()
                .filter(|p| p.stat().is_ok_and(|s| s.ppid == me))
                .map(|p| p.pid)
                .collect()
        };
        for pid in children {
            let Ok(process) = Process::new(pid) else {
                continue;
            };
            let seen = Seen {
                pid: u32::try_from(process.pid).unwrap_or_default(),
                exe: process.exe().ok(),
                cwd: process.cwd().ok(),
            };
            if !is_it(&seen) {
                continue;
            }
            let Some(pid) = Pid::from_raw(process.pid) else {
                continue;
            };
            let Ok(pidfd) = pidfd_open(pid, PidfdFlags::empty()) else {
                continue;
            };
            // Only if the process picked is still there does the pidfd name it.
            let Ok(io) = process.io() else {
                continue;
            };
            return Some((Program { process, pidfd }, io.wchar));
        }
        None
    }

    impl Program {
        /// Bytes written so far; `None` once the process is gone.
        pub fn written(&self) -> Option<u64> {
            self.process.io().ok().map(|io| io.wchar)
        }

        pub fn kill(&self) {
            let _ = pidfd_send_signal(&self.pidfd, Signal::KILL);
        }

        /// Each thread's name and state, and the kernel function it waits in
        /// where the system tells (a futex wait: a lock, a condition
        /// variable or a channel).
        pub fn threads(&self) -> String {
            let Ok(tasks) = self.process.tasks() else {
                return "(unknown)".into();
            };
            let pid = self.process.pid;
            // A thread nobody named carries the program's own name.
            let program = self.process.stat().map(|s| s.comm).unwrap_or_default();
            tasks
                .flatten()
                .filter_map(|task| {
                    let mut stat = task.stat().ok()?;
                    if task.tid == pid {
                        stat.comm = "main".into();
                    } else if stat.comm == program {
                        stat.comm = "an unnamed thread".into();
                    }
                    let state = stat
                        .state()
                        .map_or_else(|_| stat.state.to_string(), |s| format!("{s:?}"));
                    let wchan =
                        std::fs::read_to_string(format!("/proc/{pid}/task/{}/wchan", task.tid))
                            .unwrap_or_default();
                    let wchan = wchan.trim();
                    Some(if wchan.is_empty() || wchan == "0" {
                        format!("{} ({state})", stat.comm)
                    } else {
                        format!("{} ({state} in {wchan})", stat.comm)
                    })
                })
                .collect::<Vec<_>>()
                .join(", ")
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod os {
    use super::Seen;

    pub enum Program {}

    pub fn find(_: &dyn Fn(&Seen) -> bool) -> Option<(Program, u64)> {
        None
    }

    impl Program {
        pub fn written(&self) -> Option<u64> {
            match *self {}
        }
        pub fn kill(&self) {
            match *self {}
        }
        pub fn threads(&self) -> String {
            match *self {}
        }
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use std::path::Path;
    use std::process::{Command, Output};

    /// A folder of its own for each test's program, by which it is picked
    /// out among the children of the test binary.
    fn workdir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("child-watch-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn in_dir(dir: &Path) -> impl Fn(&Seen) -> bool + use<> {
        let dir = dir.to_path_buf();
        move |seen| seen.cwd.as_deref() == Some(&dir)
    }

    fn sh(dir: &Path, script: &str) -> impl FnOnce() -> std::io::Result<Output> + use<> {
        let mut cmd = Command::new("sh");
        cmd.arg("-c").arg(script).current_dir(dir);
        move || cmd.output()
    }

    #[test]
    fn a_silent_program_is_killed_and_named() {
        let dir = workdir("silent");
        let watch = Watch {
            what: "the silent one".into(),
            quiet: Duration::from_millis(400),
            cap: Duration::from_secs(20),
        };
        // `exec`: the program is the child itself, not a grandchild holding
        // the pipes open after the shell is killed.
        let watched = watch_child(
            &watch,
            in_dir(&dir),
            sh(&dir, "echo started; exec sleep 30"),
        );
        assert_eq!(watched.stopped, Some(Stopped::Quiet(watch.quiet)));
        assert!(watched.seen);
        let output = watched.value.as_ref().unwrap().as_ref().unwrap();
        assert!(!output.status.success());
        assert!(
            watched.elapsed < Duration::from_secs(10),
            "{:?}",
            watched.elapsed
        );
        let reason = watched.stop_reason().unwrap();
        assert!(
            reason.starts_with("the silent one wrote nothing for 0.4 s and was killed"),
            "{reason}"
        );
        assert!(reason.contains("its threads then: main ("), "{reason}");
    }

    #[test]
    fn a_program_that_writes_steadily_is_not_killed() {
        let dir = workdir("steady");
        let watch = Watch {
            what: "the steady one".into(),
            quiet: Duration::from_millis(600),
            cap: Duration::from_secs(30),
        };
        // Longer in all than the quiet bound, never silent for long.
        let script = "for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo tick; sleep 0.1; done";
        let watched = watch_child(&watch, in_dir(&dir), sh(&dir, script));
        assert_eq!(watched.stopped, None, "{:?}", watched.stop_reason());
        assert!(watched.seen);
        let output = watched.value.unwrap().unwrap();
        assert!(output.status.success());
        assert_eq!(String::from_utf8_lossy(&output.stdout).lines().count(), 12);
    }

    #[test]
    fn silence_before_the_program_starts_is_not_judged() {
        let dir = workdir("late");
        let watch = Watch {
            what: "the late one".into(),
            quiet: Duration::from_millis(200),
            cap: Duration::from_secs(20),
        };
        // As skeptic compiles first: a long quiet time with no program.
        let run = sh(&dir, "echo done");
        let watched = watch_child(&watch, in_dir(&dir), move || {
            thread::sleep(Duration::from_millis(600));
            run()
        });
        assert_eq!(watched.stopped, None, "{:?}", watched.stop_reason());
        assert!(watched.value.unwrap().unwrap().status.success());
    }

    #[test]
    fn a_program_that_never_ends_is_stopped_by_the_cap() {
        let dir = workdir("chatty");
        let watch = Watch {
            what: "the chatty one".into(),
            quiet: Duration::from_secs(5),
            cap: Duration::from_millis(800),
        };
        let script = "while true; do echo tick; sleep 0.05; done";
        let watched = watch_child(&watch, in_dir(&dir), sh(&dir, script));
        assert_eq!(watched.stopped, Some(Stopped::Cap(watch.cap)));
        assert!(watched.value.is_some());
        assert!(
            watched.stop_reason().unwrap().contains("hard cap of 0.8 s"),
            "{:?}",
            watched.stop_reason()
        );
    }

    #[test]
    fn work_that_never_starts_its_program_is_given_up_at_the_cap() {
        let watch = Watch {
            what: "the compiler".into(),
            quiet: Duration::from_millis(100),
            cap: Duration::from_millis(300),
        };
        let (_keep, stuck) = std::sync::mpsc::channel::<()>();
        let watched = watch_child(&watch, |_| false, move || stuck.recv());
        assert_eq!(watched.stopped, Some(Stopped::Cap(watch.cap)));
        assert!(watched.value.is_none());
        let reason = watched.stop_reason().unwrap();
        assert!(
            reason.contains("no program of it was seen to start"),
            "{reason}"
        );
    }

    #[test]
    fn other_children_are_not_judged() {
        let dir = workdir("other");
        let watch = Watch {
            what: "nobody".into(),
            quiet: Duration::from_millis(200),
            cap: Duration::from_secs(20),
        };
        // The only child is silent for longer than the quiet bound, but is
        // not the one the test picks.
        let watched = watch_child(&watch, |_| false, sh(&dir, "exec sleep 0.6"));
        assert_eq!((watched.stopped, watched.seen), (None, false));
        assert!(watched.value.unwrap().unwrap().status.success());
    }
}
