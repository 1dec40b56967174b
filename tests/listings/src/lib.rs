//! What the listing and exercise runners share: running a program under a
//! timeout, the time budgets, and the helpers the property checks are written
//! with. Finding and building the workspace's packages is `support`'s.
//!
//! The property checks themselves live in `tests/listings/tests/chNN.rs`, for
//! the chapters whose listings print something that varies from run to run.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitStatus;
use std::time::Duration;

// Running a program under a timeout is shared with the snippet runner.
pub use support::{Run, run_command_with_timeout, run_on_one_core, run_with_timeout};

/// What a listing's output must satisfy when it varies from run to run: gets
/// the stdout and the exit status (`None` for the sample in `output.txt`,
/// which has no status).
pub type Property = fn(&str, Option<ExitStatus>) -> Result<(), String>;

// ---------------------------------------------------------------------------
// Time budgets.

/// What a listing (or an exercise's solution) may take when nothing declares
/// otherwise: the book promises every listing finishes quickly.
pub const DEFAULT_BUDGET: Duration = Duration::from_millis(300);

/// A run over budget is repeated up to this many more times and judged on the
/// fastest, so a loaded machine does not cause a false failure while a warm
/// run that is within budget costs one run only.
pub const RERUNS: usize = 4;

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

/// Judges a program's time against `budget`: `first` is the time of the run
/// already made; only when it is over budget is the program run again (by
/// `rerun`, which also checks that run's result) up to [`RERUNS`] times. Gives
/// the fastest time, or an error naming the fastest time and the budget.
pub fn fastest_within(
    budget: &Budget,
    first: Duration,
    mut rerun: impl FnMut() -> Result<Duration, String>,
) -> Result<Duration, String> {
    let mut fastest = first;
    let mut runs = 1;
    while fastest > budget.limit && runs <= RERUNS {
        fastest = fastest.min(rerun()?);
        runs += 1;
    }
    if fastest > budget.limit {
        return Err(format!(
            "too slow: took {} ms at its fastest of {runs} runs; its budget is {budget} \
             (a program that truly needs longer declares `<N> ms` and the reason in {BUDGET_FILE} \
             beside it)",
            fastest.as_millis()
        ));
    }
    Ok(fastest)
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
    fn reruns_only_when_over_budget_and_judges_the_fastest() {
        let budget = Budget {
            limit: Duration::from_millis(300),
            reason: None,
        };
        let ms = Duration::from_millis;
        // Within budget: no rerun.
        let mut reruns = 0;
        let fastest = fastest_within(&budget, ms(10), || {
            reruns += 1;
            Ok(ms(1))
        });
        assert_eq!((fastest, reruns), (Ok(ms(10)), 0));
        // Over once (a loaded machine), then fast: passes on the second run.
        let mut times = vec![ms(50), ms(900)];
        let fastest = fastest_within(&budget, ms(400), || Ok(times.pop().unwrap()));
        assert_eq!(fastest, Ok(ms(50)));
        // Always over: fails after 1 + RERUNS runs, naming the time and budget.
        let mut runs: usize = 1;
        let e = fastest_within(&budget, ms(1500), || {
            runs += 1;
            Ok(ms(1400 + runs as u64))
        })
        .unwrap_err();
        assert_eq!(runs, 1 + RERUNS);
        assert!(e.contains("took 1402 ms at its fastest of 5 runs"), "{e}");
        assert!(e.contains("its budget is 300 ms (the default)"), "{e}");
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
