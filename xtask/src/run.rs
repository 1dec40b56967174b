//! Running cargo and other programs for the tasks.

use anyhow::{Context, Result, bail};
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;
use support::process::{Run, Watch, run_watched_echo};

/// A run that writes nothing for this long is taken to hang. The checks judge
/// their own progress with tighter bounds and fail first, with better
/// messages; this only catches what they do not foresee. Tests that build
/// programs (the listings, the exercises) are silent while cargo compiles,
/// which on a loaded machine takes minutes.
pub const QUIET: Duration = Duration::from_secs(300);

/// The hard cap of one run of tests, whatever it writes.
pub const CAP: Duration = Duration::from_secs(30 * 60);

pub fn root() -> &'static Path {
    support::workspace_root()
}

/// `cargo` (the one running this task), at the workspace root.
pub fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(root());
    cmd
}

/// Prints a step's title as the CI log shows it.
pub fn step(title: &str) {
    println!("==> {title}");
    let _ = std::io::stdout().flush();
}

/// How a command reads in a message: `cargo test -p listings`.
pub fn shown(cmd: &Command) -> String {
    let program = Path::new(cmd.get_program())
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    std::iter::once(program)
        .chain(cmd.get_args().map(|a| a.to_string_lossy().into_owned()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs a command with the terminal as its output; fails if it fails. For
/// builds and lints: compiling always ends, and cargo shows its progress.
pub fn status(mut cmd: Command) -> Result<()> {
    let what = shown(&cmd);
    let status = cmd
        .status()
        .with_context(|| format!("cannot start `{what}`"))?;
    if !status.success() {
        bail!("`{what}` failed ({status})");
    }
    Ok(())
}

/// Runs a command under the progress watchdog, showing its output as it
/// comes; fails if it fails or stops making progress.
pub fn watched(cmd: Command) -> Result<()> {
    watched_within(cmd, QUIET)
}

/// As [`watched`], with another bound for silence (a check whose own
/// watchdog allows longer).
pub fn watched_within(cmd: Command, quiet: Duration) -> Result<()> {
    let what = shown(&cmd);
    let echo: support::process::Echo = Arc::new(|text: &str| {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    });
    let watch = Watch {
        what: format!("`{what}`"),
        quiet,
        cap: CAP,
    };
    let run = run_watched_echo(cmd, &watch, Some(echo))
        .with_context(|| format!("cannot start `{what}`"))?;
    verdict(&run)
}

/// Runs a command under the watchdog and returns what it wrote, for a task
/// that prints it later (the test groups).
pub fn captured(cmd: Command) -> Result<Run> {
    let what = shown(&cmd);
    let watch = Watch {
        what: format!("`{what}`"),
        quiet: QUIET,
        cap: CAP,
    };
    support::process::run_watched(cmd, &watch).with_context(|| format!("cannot start `{what}`"))
}

/// Ok when the run exited successfully; otherwise an error that says why.
pub fn verdict(run: &Run) -> Result<()> {
    if let Some(reason) = run.stop_reason() {
        bail!("{reason}");
    }
    match run.status {
        Some(s) if s.success() => Ok(()),
        Some(s) => bail!("{} failed ({s})", run.what),
        None => bail!("{} did not finish", run.what),
    }
}
