//! Chapter 20's figures, generated: every number the chapter's prose states
//! about the benchmark is a fragment in `src/data/ch20-claims/`, written from
//! the CSV files of the runs by [`fragments`], and included by the chapter.
//! `report` writes them after each benchmark; a test checks that the committed
//! fragments are exactly what the committed CSV files give, so a rerun can
//! never leave a stale number behind.
//!
//! Each fragment is a phrase without a trailing newline, so it can sit in the
//! middle of a sentence.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// The latest run: the one the table and chart show.
pub const LATEST: &str = "ch20-throughput.csv";

/// Earlier runs, kept as they were measured, oldest first, with the name the
/// chapter gives each.
pub const ARCHIVED: &[(&str, &str)] = &[
    ("ch20-throughput-earlier-run.csv", "first"),
    ("ch20-throughput-second-run.csv", "second"),
    ("ch20-throughput-third-run.csv", "third"),
];

/// The directory under `src/data/` the fragments go to.
pub const DIR: &str = "ch20-claims";

/// One line of a results CSV.
#[derive(Debug, Clone)]
pub struct Result {
    pub producers: usize,
    pub id: String,
    pub label: String,
    pub messages: u64,
    pub samples: usize,
    pub min: f64,
    pub median: f64,
    pub max: f64,
}

/// One run's results, with the name the chapter gives it.
#[derive(Debug, Clone)]
pub struct Run {
    pub name: String,
    pub results: Vec<Result>,
}

impl Run {
    /// The result of a channel under a workload; every run has std's.
    pub fn get(&self, id: &str, producers: usize) -> Option<&Result> {
        self.results
            .iter()
            .find(|r| r.id == id && r.producers == producers)
    }

    fn of(&self, id: &str, producers: usize) -> &Result {
        self.get(id, producers)
            .unwrap_or_else(|| panic!("the {} run has no {id} with {producers}", self.name))
    }

    /// A channel's median over std's `channel()` median, same workload.
    pub fn ratio(&self, id: &str, producers: usize) -> f64 {
        self.of(id, producers).median / self.of("std-channel", producers).median
    }
}

/// Parses a results CSV as `report` writes it.
pub fn parse(name: &str, text: &str) -> std::result::Result<Run, String> {
    let mut results = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        // The label is quoted and may hold commas.
        let (head, rest) = line
            .split_once(",\"")
            .ok_or(format!("{name}:{}: no quoted label", i + 1))?;
        let (label, tail) = rest
            .split_once("\",")
            .ok_or(format!("{name}:{}: unterminated label", i + 1))?;
        let head: Vec<&str> = head.split(',').collect();
        let tail: Vec<&str> = tail.split(',').collect();
        let bad = |what: &str| format!("{name}:{}: bad {what}", i + 1);
        if head.len() != 2 || tail.len() != 6 {
            return Err(bad("number of fields"));
        }
        let num = |s: &str, what: &str| s.parse::<f64>().map_err(|_| bad(what));
        results.push(Result {
            producers: head[0].parse().map_err(|_| bad("producers"))?,
            id: head[1].to_string(),
            label: label.to_string(),
            messages: tail[0].parse().map_err(|_| bad("messages_per_run"))?,
            samples: tail[1].parse().map_err(|_| bad("samples"))?,
            min: num(tail[2], "min")?,
            median: num(tail[3], "median")?,
            max: num(tail[4], "max")?,
        });
    }
    if results.is_empty() {
        return Err(format!("{name}: no results"));
    }
    Ok(Run {
        name: name.to_string(),
        results,
    })
}

/// Reads the archived runs and the latest from `data` (`src/data`), oldest first.
pub fn load(data: &Path) -> std::result::Result<Vec<Run>, String> {
    let mut runs = Vec::new();
    for (file, name) in ARCHIVED.iter().chain([&(LATEST, "latest")]) {
        let path = data.join(file);
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        runs.push(parse(name, &text)?);
    }
    Ok(runs)
}

/// Millions of messages per second, to three significant figures.
pub fn millions(rate: f64) -> String {
    let m = rate / 1e6;
    let decimals = if m >= 100.0 {
        0
    } else if m >= 10.0 {
        1
    } else if m >= 1.0 {
        2
    } else {
        (2 - m.log10().floor() as i32).max(0) as usize
    };
    format!("{m:.decimals$}")
}

/// A median over std's: `1.15×`, or `1/28` when tiny.
pub fn ratio(x: f64) -> String {
    if x >= 0.1 {
        format!("{x:.2}×")
    } else {
        // A tiny ratio reads better as "how many times slower".
        format!("1/{:.0}", 1.0 / x)
    }
}

/// A whole number with thousands separators: `1,000,000`.
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count of messages per second in words a reader can say: `20,000`,
/// `1.7 million`.
fn rate(r: f64) -> String {
    if r >= 1e6 {
        format!("{} million", millions(r))
    } else {
        group_digits(round_to(r, 2) as u64)
    }
}

/// `x` rounded to `digits` significant figures.
fn round_to(x: f64, digits: i32) -> f64 {
    if x == 0.0 {
        return 0.0;
    }
    let scale = 10f64.powi(digits - 1 - x.abs().log10().floor() as i32);
    (x * scale).round() / scale
}

/// A factor, rounded to two significant figures: `1,400`, `9.2`, `0.63`.
fn factor(x: f64) -> String {
    let r = round_to(x, 2);
    if r >= 100.0 {
        group_digits(r as u64)
    } else if r >= 10.0 {
        format!("{r:.0}")
    } else if r >= 1.0 {
        format!("{r:.1}")
    } else {
        format!("{r:.2}")
    }
}

fn words(n: usize) -> String {
    const W: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    W.get(n).map_or(n.to_string(), |w| w.to_string())
}

fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn min_max(xs: impl IntoIterator<Item = f64>) -> (f64, f64) {
    xs.into_iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
            (lo.min(x), hi.max(x))
        })
}

/// A range of ratios: `0.13× to 0.17×`, or a single one.
fn ratio_range((lo, hi): (f64, f64)) -> String {
    let (a, b) = (ratio(lo), ratio(hi));
    if a == b { a } else { format!("{a} to {b}") }
}

/// The general-purpose channels: std's, crossbeam's and flume's, unbounded or
/// with 1024 slots.
const LEAGUE: &[&str] = &[
    "std-channel",
    "std-sync-1024",
    "crossbeam-unbounded",
    "crossbeam-1024",
    "flume-unbounded",
    "flume-1024",
];
/// The channels with no room or one slot.
const TIGHT: &[&str] = &["std-sync-0", "std-sync-1"];
const PRODUCERS: [usize; 2] = [1, 4];

/// Every fragment: file name (without `.md`) and text.
pub fn fragments(runs: &[Run]) -> BTreeMap<&'static str, String> {
    let latest = runs.last().expect("at least the latest run");
    let n = runs.len();
    let all = |ids: &'static [&'static str]| {
        runs.iter().flat_map(move |run| {
            ids.iter().flat_map(move |id| {
                PRODUCERS
                    .iter()
                    .filter_map(move |&p| run.get(id, p).map(|r| (run, r)))
            })
        })
    };
    let mut f = BTreeMap::new();

    // The workload of the latest run.
    let mut by_count: BTreeMap<u64, Vec<String>> = BTreeMap::new();
    for r in latest.results.iter().filter(|r| r.producers == 1) {
        by_count
            .entry(r.messages)
            .or_default()
            .push(format!("`{}`", r.label));
    }
    let groups: Vec<String> = by_count
        .iter()
        .rev()
        .map(|(count, labels)| {
            format!(
                "{} messages per run through {}",
                group_digits(*count),
                join(labels)
            )
        })
        .collect();
    f.insert("messages", join(&groups));
    let most = by_count
        .iter()
        .max_by_key(|(_, labels)| labels.len())
        .map_or(0, |(c, _)| *c);
    f.insert("messages-most", group_digits(most));
    f.insert("messages-most-last", group_digits(most.saturating_sub(1)));
    let samples = latest.results.iter().map(|r| r.samples).min().unwrap_or(0);
    f.insert("samples", samples.to_string());
    f.insert("runs", words(n));
    let earlier: Vec<String> = ARCHIVED
        .iter()
        .map(|(file, _)| format!("`src/data/{file}`"))
        .collect();
    f.insert("earlier-files", join(&earlier));
    // Group the earlier runs by how many messages they moved.
    let mut sizes: Vec<(String, Vec<String>)> = Vec::new();
    for run in &runs[..n - 1] {
        let (lo, hi) = min_max(run.results.iter().map(|r| r.messages as f64));
        let size = if lo == hi {
            format!(
                "{} messages per run through every channel",
                group_digits(lo as u64)
            )
        } else {
            format!(
                "{} to {} messages per run",
                group_digits(lo as u64),
                group_digits(hi as u64)
            )
        };
        match sizes.iter_mut().find(|(s, _)| *s == size) {
            Some((_, names)) => names.push(run.name.clone()),
            None => sizes.push((size, vec![run.name.clone()])),
        }
    }
    let counts: Vec<String> = sizes
        .iter()
        .map(|(size, names)| {
            let runs = if names.len() == 1 { "run" } else { "runs" };
            format!("the {} {runs} moved {size}", join(names))
        })
        .collect();
    f.insert("earlier-counts", join(&counts));

    // Capacity.
    let (lo, hi) = min_max(all(TIGHT).map(|(_, r)| r.median));
    let (flo, fhi) = min_max(all(TIGHT).map(|(run, r)| 1.0 / run.ratio(&r.id, r.producers)));
    f.insert(
        "tight-range",
        format!(
            "between {} and {} messages per second in the {} runs, {} to {} times fewer than \
             `channel()`",
            rate(lo),
            rate(hi),
            words(n),
            factor(flo),
            factor(fhi)
        ),
    );
    f.insert(
        "tight-summary",
        format!("{} to {} times slower", factor(flo), factor(fhi)),
    );
    f.insert(
        "sync-1024-latest",
        format!(
            "in the latest run, {} `channel()` with one producer and {} with four",
            ratio(latest.ratio("std-sync-1024", 1)),
            ratio(latest.ratio("std-sync-1024", 4))
        ),
    );
    let (llo, lhi) = min_max(all(LEAGUE).map(|(_, r)| r.median));
    f.insert(
        "league-range",
        format!(
            "between {} and {} million messages per second in all {} runs: a factor of about \
             {} from slowest to fastest, against a factor of {} to {} for capacity",
            millions(llo),
            millions(lhi),
            words(n),
            factor(lhi / llo),
            factor(flo),
            factor(fhi)
        ),
    );
    f.insert(
        "league-summary",
        format!("{} to {} million", millions(llo), millions(lhi)),
    );

    // Four producers: who led, and flume against std.
    let leaders: Vec<&str> = runs
        .iter()
        .map(|run| {
            LEAGUE
                .iter()
                .filter_map(|id| run.get(id, 4))
                .max_by(|a, b| a.median.total_cmp(&b.median))
                .map_or("", |r| r.id.as_str())
        })
        .collect();
    let cb_led = leaders
        .iter()
        .filter(|l| **l == "crossbeam-unbounded")
        .count();
    let cb = min_max(runs.iter().map(|run| run.ratio("crossbeam-unbounded", 4)));
    let (cb_min, std_max) = (
        latest.of("crossbeam-unbounded", 4).min,
        latest.of("std-channel", 4).max,
    );
    f.insert(
        "four-leader",
        format!(
            "crossbeam-channel's `unbounded()` had the highest median in {} of the {} runs, \
             {} std's `channel()`. In the latest run its slowest sample, {} million, {} std's \
             fastest, {} million",
            words(cb_led),
            words(n),
            ratio_range(cb),
            millions(cb_min),
            if cb_min > std_max {
                "beat"
            } else {
                "did not beat"
            },
            millions(std_max)
        ),
    );
    let flume_u = min_max(runs.iter().map(|run| run.ratio("flume-unbounded", 4)));
    let flume_b = min_max(runs.iter().map(|run| run.ratio("flume-1024", 4)));
    let flume_every_sample = runs.iter().all(|run| {
        ["flume-unbounded", "flume-1024"]
            .iter()
            .all(|id| run.of(id, 4).max < run.of("std-channel", 4).min)
    });
    let flume_runs_slower = runs
        .iter()
        .filter(|run| {
            ["flume-unbounded", "flume-1024"]
                .iter()
                .all(|id| run.ratio(id, 4) < 1.0)
        })
        .count();
    f.insert(
        "four-flume",
        format!(
            "flume's medians were {} std's for its unbounded channel and {} for its bounded \
             one; both were below std's in {} of the {} runs",
            ratio_range(flume_u),
            ratio_range(flume_b),
            words(flume_runs_slower),
            words(n)
        ),
    );
    f.insert(
        "four-flume-samples",
        if flume_every_sample {
            format!(
                "with four producers every sample of flume's two channels was slower than \
                 every sample of std's `channel()`, in all {} runs",
                words(n)
            )
        } else {
            format!(
                "with four producers flume's medians were below std's in {} of the {} runs, \
                 but not every sample of every run was slower",
                words(flume_runs_slower),
                words(n)
            )
        },
    );

    // One producer: the order did not hold.
    let per_run = |id: &str| -> Vec<String> {
        runs.iter()
            .filter_map(|run| {
                let r = run.get(id, 1)?;
                Some(format!(
                    "{} million in the {} run ({} std's)",
                    millions(r.median),
                    run.name,
                    ratio(run.ratio(id, 1))
                ))
            })
            .collect()
    };
    f.insert("one-flume", join(&per_run("flume-unbounded")));
    f.insert("one-stage-3", join(&per_run("book-19-3")));
    let fastest: Vec<String> = runs
        .iter()
        .map(|run| {
            let r = LEAGUE
                .iter()
                .filter_map(|id| run.get(id, 1))
                .max_by(|a, b| a.median.total_cmp(&b.median))
                .unwrap();
            format!("`{}` in the {} run", r.label, run.name)
        })
        .collect();
    f.insert("one-fastest", join(&fastest));
    let second = runs.iter().find(|r| r.name == "second").unwrap_or(latest);
    let (fl, st) = (second.of("flume-unbounded", 1), second.of("std-channel", 1));
    f.insert(
        "one-flume-second-spread",
        format!("{} to {} million", millions(fl.min), millions(fl.max)),
    );

    // tokio from plain threads.
    let t1 = min_max(runs.iter().map(|run| run.ratio("tokio-1024", 1)));
    let t4 = min_max(runs.iter().map(|run| run.ratio("tokio-1024", 4)));
    f.insert(
        "tokio",
        format!(
            "{} std's `channel()` with one producer and {} with four, across the {} runs",
            ratio_range(t1),
            ratio_range(t4),
            words(n)
        ),
    );
    f.insert(
        "tokio-summary",
        ratio_range(min_max([t1.0, t1.1, t4.0, t4.1])),
    );

    // The book's own channel.
    let s1 = min_max(all(&["book-19-1"]).map(|(_, r)| r.median));
    let s1r = min_max(all(&["book-19-1"]).map(|(run, r)| run.ratio(&r.id, r.producers)));
    let s2r = min_max(all(&["book-19-2"]).map(|(run, r)| run.ratio(&r.id, r.producers)));
    f.insert(
        "stage-1",
        format!(
            "{} to {} million messages per second, {} std's",
            millions(s1.0),
            millions(s1.1),
            ratio_range(s1r)
        ),
    );
    f.insert("stage-1-summary", ratio_range(s1r));
    f.insert("stage-2", ratio_range(s2r));
    let gains: Vec<f64> = runs
        .iter()
        .flat_map(|run| {
            PRODUCERS.map(|p| run.of("book-19-3", p).median / run.of("book-19-1", p).median)
        })
        .collect();
    let (glo, ghi) = min_max(gains.iter().copied());
    let faster = gains.iter().filter(|g| **g > 1.0).count();
    let s3r = min_max(all(&["book-19-3"]).map(|(run, r)| run.ratio(&r.id, r.producers)));
    f.insert(
        "stage-3",
        format!(
            "{} to {} times as fast as stage 1 across the {} workloads of the {} runs, and \
             faster in {} of them. Against std it stayed at {}",
            factor(glo),
            factor(ghi),
            words(gains.len()),
            words(n),
            words(faster),
            ratio_range(s3r)
        ),
    );

    // Stage 4: the runs that measured it.
    let with4: Vec<&Run> = runs
        .iter()
        .filter(|r| r.get("book-19-4", 1).is_some())
        .collect();
    let (a, s) = (latest.of("book-19-4", 1), latest.of("std-channel", 1));
    let (b, s4) = (latest.of("book-19-4", 4), latest.of("std-channel", 4));
    f.insert(
        "stage-4-latest",
        format!(
            "In the latest run it moved {} million messages per second with one producer \
             ({}–{}), {} std's `channel()` ({}–{}), and {} million with four ({}–{}), {} std's \
             ({}–{}). That is {} times stage 3 with one producer and {} times with four",
            millions(a.median),
            millions(a.min),
            millions(a.max),
            ratio(a.median / s.median),
            millions(s.min),
            millions(s.max),
            millions(b.median),
            millions(b.min),
            millions(b.max),
            ratio(b.median / s4.median),
            millions(s4.min),
            millions(s4.max),
            factor(a.median / latest.of("book-19-3", 1).median),
            factor(b.median / latest.of("book-19-3", 4).median),
        ),
    );
    let r41 = min_max(with4.iter().map(|run| run.ratio("book-19-4", 1)));
    let r44 = min_max(with4.iter().map(|run| run.ratio("book-19-4", 4)));
    f.insert(
        "stage-4-ratios",
        format!(
            "{} std's median with one producer and {} with four",
            ratio_range(r41),
            ratio_range(r44)
        ),
    );
    f.insert(
        "stage-4-runs",
        format!(
            "In the {} runs that measured it, its median was {} std's with one producer and {} \
             with four",
            words(with4.len()),
            ratio_range(r41),
            ratio_range(r44)
        ),
    );

    // Per message.
    let std4 = latest.of("std-channel", 4).median;
    let slowest = LEAGUE
        .iter()
        .flat_map(|id| PRODUCERS.map(|p| latest.of(id, p).median))
        .fold(f64::INFINITY, f64::min);
    let ns = |r: f64| 1e9 / r;
    f.insert(
        "per-message",
        format!(
            "In the latest run std's `channel()` with four producers moved {} million messages \
             per second, about {:.0} nanoseconds per message; the slowest median among std's, \
             crossbeam's and flume's channels, {} million, is about {:.0} nanoseconds. If the \
             chef does a microsecond or more of work per ticket, switching among them changes \
             the program's total time by {:.0}% at most",
            millions(std4),
            ns(std4),
            millions(slowest),
            ns(slowest),
            ns(slowest) / 1000.0 * 100.0
        ),
    );
    let fastest_league = LEAGUE
        .iter()
        .flat_map(|id| PRODUCERS.map(|p| latest.of(id, p).median))
        .fold(0.0, f64::max);
    f.insert(
        "per-message-range",
        format!(
            "{:.0} to {:.0} nanoseconds",
            ns(fastest_league),
            ns(slowest)
        ),
    );
    let (all_lo, all_hi) = min_max(latest.results.iter().map(|r| r.median));
    f.insert("chart-spread", factor(all_hi / all_lo));

    // The quiz.
    f.insert(
        "quiz-1",
        format!(
            "In the second run (`src/data/{}`), flume's `unbounded()` had a median of {} \
             million messages per second with one producer ({}–{}), {} std's `channel()` at {} \
             ({}–{})",
            ARCHIVED[1].0,
            millions(fl.median),
            millions(fl.min),
            millions(fl.max),
            ratio(fl.median / st.median),
            millions(st.median),
            millions(st.min),
            millions(st.max)
        ),
    );
    let others: Vec<String> = runs
        .iter()
        .filter(|r| r.name != "second")
        .map(|run| {
            format!(
                "{} million ({} std's) in the {} run",
                millions(run.of("flume-unbounded", 1).median),
                ratio(run.ratio("flume-unbounded", 1)),
                run.name
            )
        })
        .collect();
    f.insert(
        "quiz-1-answer",
        format!(
            "std's fastest sample ({}) {} flume's slowest ({}), so {}. The ratio divides one \
             median by another and hides that spread. And the other runs of the same benchmark \
             gave flume {}",
            millions(st.max),
            if st.max > fl.min {
                "beat"
            } else {
                "did not reach"
            },
            millions(fl.min),
            if st.max > fl.min {
                "inside this run the two are hard to tell apart"
            } else {
                "inside this run flume's samples were all faster"
            },
            join(&others)
        ),
    );
    // The run where crossbeam's lead over std with four producers was largest.
    let led = runs
        .iter()
        .max_by(|a, b| {
            a.ratio("crossbeam-unbounded", 4)
                .total_cmp(&b.ratio("crossbeam-unbounded", 4))
        })
        .unwrap();
    let (c4, s4r) = (led.of("crossbeam-unbounded", 4), led.of("std-channel", 4));
    f.insert(
        "quiz-2",
        format!(
            "In the {} run, with four producers, crossbeam's `unbounded()` moved {} million \
             messages per second ({}–{}) against std's {} ({}–{}), and its median led in {} of \
             the {} runs. Your chef spends about 2 microseconds on each ticket",
            led.name,
            millions(c4.median),
            millions(c4.min),
            millions(c4.max),
            millions(s4r.median),
            millions(s4r.min),
            millions(s4r.max),
            words(cb_led),
            words(n)
        ),
    );
    let saved = ns(s4r.median) - ns(c4.median);
    f.insert(
        "quiz-2-answer",
        format!(
            "{} million per second is about {:.0} nanoseconds per message, {} million about \
             {:.0}: the switch saves some {:.0} nanoseconds on each ticket that already costs \
             2,000 nanoseconds of work, about {:.2}%",
            millions(s4r.median),
            ns(s4r.median),
            millions(c4.median),
            ns(c4.median),
            saved,
            saved / 2000.0 * 100.0
        ),
    );
    f.insert(
        "quiz-3",
        format!(
            "`sync_channel(0)` moved {} messages per second with one producer in the latest \
             run, and `sync_channel(1024)` {} million",
            rate(latest.of("std-sync-0", 1).median),
            millions(latest.of("std-sync-1024", 1).median)
        ),
    );
    f.insert("quiz-4", ratio(latest.ratio("tokio-1024", 4)));
    f.insert("quiz-4-times", factor(1.0 / latest.ratio("tokio-1024", 4)));
    f.insert("quiz-5", ratio(latest.ratio("crossbeam-unbounded", 1)));
    let cb1 = second.of("crossbeam-unbounded", 1);
    f.insert(
        "quiz-5-answer",
        format!(
            "in the second run the brackets, {} ({}–{}) against {} ({}–{}), {}",
            millions(cb1.median),
            millions(cb1.min),
            millions(cb1.max),
            millions(st.median),
            millions(st.min),
            millions(st.max),
            if cb1.min <= st.max && st.min <= cb1.max {
                "overlapped"
            } else {
                "did not overlap"
            }
        ),
    );
    let first = &runs[0];
    f.insert(
        "notes-flume",
        format!(
            "a median of {} million in the {} run, {} million in the {}",
            millions(first.of("flume-unbounded", 1).median),
            first.name,
            millions(fl.median),
            second.name
        ),
    );
    f
}

/// Writes every fragment into `data/ch20-claims/`, removing stale ones.
pub fn write(data: &Path, runs: &[Run]) -> std::io::Result<Vec<std::path::PathBuf>> {
    let dir = data.join(DIR);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir)?;
    let mut written = Vec::new();
    for (name, text) in fragments(runs) {
        let path = dir.join(format!("{name}.md"));
        fs::write(&path, text)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn data() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src/data")
    }

    /// The committed fragments are exactly what the committed runs give: a
    /// rerun that changed the CSV without the fragments, or a hand edit of a
    /// fragment, fails here.
    #[test]
    fn committed_fragments_match_the_data() {
        let runs = load(&data()).unwrap();
        let want = fragments(&runs);
        let dir = data().join(DIR);
        let mut found = BTreeMap::new();
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            found.insert(name, fs::read_to_string(&path).unwrap());
        }
        for (name, text) in &want {
            assert_eq!(
                found.get(*name),
                Some(text),
                "src/data/{DIR}/{name}.md does not match the data; run \
                 `cargo run -p bench --bin report -- --claims-only .`"
            );
        }
        for name in found.keys() {
            assert!(
                want.contains_key(name.as_str()),
                "src/data/{DIR}/{name}.md is generated by nothing"
            );
        }
    }

    #[test]
    fn a_changed_median_changes_a_fragment() {
        let mut runs = load(&data()).unwrap();
        let before = fragments(&runs);
        let last = runs.last_mut().unwrap();
        for r in &mut last.results {
            if r.id == "std-sync-1024" {
                r.median *= 2.0;
            }
        }
        assert_ne!(
            before["sync-1024-latest"],
            fragments(&runs)["sync-1024-latest"]
        );
    }

    #[test]
    fn parse_reports_bad_lines() {
        let header = "producers,channel_id,channel,messages_per_run,samples,min,median,max,ratio\n";
        assert!(parse("x", header).is_err());
        let bad = format!("{header}1,std-channel,\"std channel()\",1000,10,1,2\n");
        assert!(
            parse("x", &bad)
                .unwrap_err()
                .contains("x:2: bad number of fields")
        );
        let ok =
            format!("{header}1,book-19-4,\"book 19-4 (spin, then sleep)\",1000,10,1,2,3,1.0\n");
        assert_eq!(
            parse("x", &ok).unwrap().results[0].label,
            "book 19-4 (spin, then sleep)"
        );
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(group_digits(1_000_000), "1,000,000");
        assert_eq!(rate(23_084.0), "23,000");
        assert_eq!(rate(1_711_581.0), "1.71 million");
        assert_eq!(factor(1420.3), "1,400");
        assert_eq!(ratio(0.0362), "1/28");
        assert_eq!(ratio(1.1542), "1.15×");
    }
}
