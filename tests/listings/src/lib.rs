//! What the listing and exercise runners share: running a program under a
//! progress watchdog, the static check that nothing sleeps for seconds
//! ([`sleeps`]), the time budgets the run-time report measures against, and
//! the helpers the property checks are written with. Finding and building
//! the workspace's packages is `support`'s.
//!
//! The property checks themselves live in `tests/listings/tests/chNN.rs`, for
//! the chapters whose listings print something that varies from run to run.

pub mod sleeps;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, ExitStatus};
use std::time::Duration;

pub use support::{Run, Watch};

/// A program (a listing, an exercise's test executable) that writes nothing
/// for this long is taken to hang, and the check fails naming it. Judged on
/// progress, not on a total time, so a loaded machine does not fail it.
pub const QUIET: Duration = Duration::from_secs(30);
/// The last resort for a program that keeps writing without ever finishing.
pub const CAP: Duration = Duration::from_secs(120);

/// How a check runs the program it names `what`: killed after `quiet`
/// without output (normally [`QUIET`]), or at [`CAP`].
pub fn watch(what: impl Into<String>, quiet: Duration) -> Watch {
    Watch {
        what: what.into(),
        quiet,
        cap: CAP,
    }
}

/// Runs `exe` with no input under `watch` (as a reader runs a listing:
/// without `RUST_BACKTRACE`, which would only lengthen the stderr of the
/// listings that panic on purpose).
pub fn run_watched(exe: &Path, watch: &Watch) -> std::io::Result<Run> {
    let mut cmd = Command::new(exe);
    cmd.env_remove("RUST_BACKTRACE");
    support::run_watched(cmd, watch)
}

/// As [`run_watched`], with the program's threads on one core (see
/// [`support::run_on_one_core`]).
pub fn run_watched_on_one_core(exe: &Path, watch: &Watch) -> std::io::Result<Run> {
    let (exe, watch) = (exe.to_path_buf(), watch.clone());
    support::on_one_core(move || run_watched(&exe, &watch))
}

/// What a listing's output must satisfy when it varies from run to run: gets
/// the stdout and the exit status (`None` for the sample in `output.txt`,
/// which has no status).
pub type Property = fn(&str, Option<ExitStatus>) -> Result<(), String>;

// ---------------------------------------------------------------------------
// Time budgets: what `cargo xtask stress` reports run times against. No
// pass/fail test judges a time (a loaded machine would fail it); what keeps
// listings quick there is [`sleeps`].

/// What a listing (or an exercise's solution) should take when nothing
/// declares otherwise.
pub const DEFAULT_BUDGET: Duration = Duration::from_millis(300);

/// The file, beside a listing's `output.txt` (or in an exercise's folder),
/// that declares a longer budget: a first line `<N> ms`, then the reason.
pub const BUDGET_FILE: &str = "budget.txt";

/// How long a program may take, and why if it is not the default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budget {
    pub limit: Duration,
    /// `None` for [`DEFAULT_BUDGET`]; the declared reason otherwise.
    pub reason: Option<String>,
}

impl std::fmt::Display for Budget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.reason {
            None => write!(f, "{} ms (the default)", self.limit.as_millis()),
            Some(reason) => write!(
                f,
                "{} ms (declared in {BUDGET_FILE}: {reason})",
                self.limit.as_millis()
            ),
        }
    }
}

/// The budget of the program in `dir`: its [`BUDGET_FILE`] if it has one, the
/// default otherwise.
pub fn budget_in(dir: &Path) -> Result<Budget, String> {
    let path = dir.join(BUDGET_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => parse_budget(&text).map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Budget {
            limit: DEFAULT_BUDGET,
            reason: None,
        }),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

/// Reads a [`BUDGET_FILE`]: `<N> ms` on the first line, then the reason.
pub fn parse_budget(text: &str) -> Result<Budget, String> {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let millis: u64 = first
        .trim()
        .strip_suffix("ms")
        .and_then(|n| n.trim().parse().ok())
        .filter(|&n| n > 0)
        .ok_or_else(|| {
            format!("the first line must be the budget as `<N> ms` (N > 0), got {first:?}")
        })?;
    let reason = rest.split_whitespace().collect::<Vec<_>>().join(" ");
    if reason.is_empty() {
        return Err("give the reason for the budget on the lines after `<N> ms`".into());
    }
    Ok(Budget {
        limit: Duration::from_millis(millis),
        reason: Some(reason),
    })
}

/// One program's line in a run-time report.
#[derive(Debug, Clone)]
pub struct TimeLine {
    pub name: String,
    pub time: Duration,
    /// Its budget, or why its `budget.txt` does not read.
    pub budget: Result<Budget, String>,
}

/// The run-time report `cargo xtask stress` prints: every time against its
/// budget, the ones over it marked and named again at the end, the slowest
/// and the total. A report for a person, never a test's verdict: a loaded
/// machine makes any program slow.
pub fn time_report(title: &str, lines: &[TimeLine]) -> String {
    let mut out = format!("\n{title}, against each budget:\n");
    let width = lines.iter().map(|l| l.name.len()).max().unwrap_or(0);
    let mut over = Vec::new();
    for line in lines {
        let (budget, mark) = match &line.budget {
            Ok(budget) if line.time > budget.limit => {
                over.push(line.name.as_str());
                (
                    format!("budget {} ms", budget.limit.as_millis()),
                    "  OVER BUDGET",
                )
            }
            Ok(budget) => (format!("budget {} ms", budget.limit.as_millis()), ""),
            Err(e) => (format!("no budget: {e}"), ""),
        };
        out += &format!(
            "  {:width$}  {:>5} ms  ({budget}){mark}\n",
            line.name,
            line.time.as_millis()
        );
    }
    if let Some(slowest) = lines.iter().max_by_key(|l| l.time) {
        let total: Duration = lines.iter().map(|l| l.time).sum();
        out += &format!(
            "slowest: {} ({} ms); all {}: {} ms in total\n",
            slowest.name,
            slowest.time.as_millis(),
            lines.len(),
            total.as_millis()
        );
    }
    if over.is_empty() {
        out += "over budget: none\n";
    } else {
        out += &format!(
            "over budget: {} ({}). A report, not a failure: look at what they wait for; a \
             program that truly needs longer declares `<N> ms` and the reason in {BUDGET_FILE} \
             beside it\n",
            over.len(),
            over.join(", ")
        );
    }
    out
}

// ---------------------------------------------------------------------------
// Helpers for property checks.

/// Fails unless the run exited successfully (the sample, with no status, passes).
pub fn exited_ok(status: Option<ExitStatus>) -> Result<(), String> {
    match status {
        Some(s) if !s.success() => Err(format!("expected a successful exit, got {s}")),
        _ => Ok(()),
    }
}

/// The lines that start with `prefix`, with the prefix removed.
pub fn lines_with_prefix<'a>(text: &'a str, prefix: &str) -> Vec<&'a str> {
    text.lines()
        .filter_map(|l| l.strip_prefix(prefix))
        .collect()
}

/// Every line of `text` except the last `n` (the closing lines).
pub fn all_but_last(text: &str, n: usize) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().collect();
    lines[..lines.len().saturating_sub(n)].to_vec()
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

/// The property of a channel several producers share: `messages` holds every
/// message of `per_producer` exactly once (in any mix), and each producer's
/// messages in the order it sent them.
pub fn each_once_in_producer_order<P, S>(
    messages: &[&str],
    per_producer: &[P],
) -> Result<(), String>
where
    P: AsRef<[S]>,
    S: AsRef<str>,
{
    let sent: Vec<Vec<&str>> = per_producer
        .iter()
        .map(|p| p.as_ref().iter().map(AsRef::as_ref).collect())
        .collect();
    same_multiset(messages, &sent.concat())?;
    for producer in &sent {
        in_order(messages, producer)?;
    }
    Ok(())
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

/// The first line the default panic hook writes for a panic, taken apart.
/// Rust 1.95 writes `thread '{name}' ({tid}) panicked at {location}:`
/// (`library/std/src/panicking.rs`, `default_hook`), where `tid` is the
/// operating system's id of the thread: a number that differs from run to
/// run, so it is the one part not compared.
#[derive(Debug, PartialEq, Eq)]
pub struct PanicLine<'a> {
    pub thread: &'a str,
    pub location: &'a str,
}

/// Reads `line` as the first line of a panic message, any thread id.
pub fn panic_line(line: &str) -> Result<PanicLine<'_>, String> {
    let parsed = line.strip_prefix("thread '").and_then(|rest| {
        let (thread, rest) = rest.split_once("' (")?;
        let (id, rest) = rest.split_once(") panicked at ")?;
        let location = rest.strip_suffix(':')?;
        let id_is_a_number = !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit());
        id_is_a_number.then_some(PanicLine { thread, location })
    });
    parsed.ok_or_else(|| {
        format!("expected `thread 'NAME' (ID) panicked at FILE:LINE:COLUMN:`, got {line:?}")
    })
}

/// Fails unless `text` has a line equal to `line`, returning its index.
pub fn position_of(text: &str, line: &str) -> Result<usize, String> {
    text.lines()
        .position(|l| l == line)
        .ok_or_else(|| format!("expected a line {line:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_file_needs_milliseconds_and_a_reason() {
        assert_eq!(
            parse_budget("600 ms\nIt waits 300 ms for a report that must never come.\n"),
            Ok(Budget {
                limit: Duration::from_millis(600),
                reason: Some("It waits 300 ms for a report that must never come.".into()),
            })
        );
        let no_reason = parse_budget("600 ms\n").unwrap_err();
        assert!(no_reason.contains("give the reason"), "{no_reason}");
        for bad in ["600\nwhy", "0 ms\nwhy", "fast\nwhy", "1.5 s\nwhy", ""] {
            let e = parse_budget(bad).unwrap_err();
            assert!(e.contains("`<N> ms`"), "{bad:?}: {e}");
        }
    }

    #[test]
    fn the_time_report_marks_and_names_what_is_over_budget() {
        let budget = |ms| {
            Ok(Budget {
                limit: Duration::from_millis(ms),
                reason: None,
            })
        };
        let line = |name: &str, ms, budget| TimeLine {
            name: name.into(),
            time: Duration::from_millis(ms),
            budget,
        };
        let report = time_report(
            "times",
            &[
                line("quick", 12, budget(300)),
                line("slow", 412, budget(300)),
                line("unread", 5, Err("the first line must be".into())),
            ],
        );
        assert!(
            report.contains("  quick      12 ms  (budget 300 ms)\n"),
            "{report}"
        );
        assert!(
            report.contains("  slow      412 ms  (budget 300 ms)  OVER BUDGET\n"),
            "{report}"
        );
        assert!(
            report.contains("(no budget: the first line must be)"),
            "{report}"
        );
        assert!(
            report.contains("slowest: slow (412 ms); all 3: 429 ms in total"),
            "{report}"
        );
        assert!(
            report.contains("over budget: 1 (slow). A report, not a failure"),
            "{report}"
        );
        let fine = time_report("times", &[line("quick", 12, budget(300))]);
        assert!(fine.ends_with("over budget: none\n"), "{fine}");
    }

    #[test]
    fn panic_line_masks_only_the_thread_id() {
        assert_eq!(
            panic_line("thread 'chef' (23417) panicked at src/main.rs:12:19:"),
            Ok(PanicLine {
                thread: "chef",
                location: "src/main.rs:12:19"
            })
        );
        // The form older Rust printed, and books still quote, has no id.
        for typed in [
            "thread 'chef' panicked at src/main.rs:12:19:",
            "thread 'chef' () panicked at src/main.rs:12:19:",
            "thread 'chef' (ThreadId(2)) panicked at src/main.rs:12:19:",
            "thread 'chef' (23417) panicked at src/main.rs:12:19",
        ] {
            let e = panic_line(typed).unwrap_err();
            assert!(e.contains("(ID)"), "{typed}: {e}");
        }
    }

    #[test]
    fn producer_order_and_exactly_once() {
        let per_producer = [vec!["a1", "a2"], vec!["b1"]];
        assert!(each_once_in_producer_order(&["b1", "a1", "a2"], &per_producer).is_ok());
        let reordered = each_once_in_producer_order(&["a2", "a1", "b1"], &per_producer);
        assert!(reordered.unwrap_err().contains("out of order"));
        let lost = each_once_in_producer_order(&["a1", "a2"], &per_producer);
        assert!(lost.unwrap_err().contains("\"b1\": expected 1, got 0"));
        let twice = each_once_in_producer_order(&["a1", "a2", "b1", "b1"], &per_producer);
        assert!(twice.unwrap_err().contains("\"b1\": expected 1, got 2"));
    }
}
