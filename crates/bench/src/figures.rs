//! What chapter 20 may say about the rounds, as data and a few templates.
//!
//! Every figure the chapter shows is a string in `src/data/ch20-figures.json`
//! under a key the chapter names with `{{#figure ch20.KEY}}`. [`figures`]
//! computes them all from the rounds; the report writes them, and the claims
//! check recomputes them from the committed rounds and names every key whose
//! committed sentence the data no longer gives.
//!
//! A comparison ([`CLAIMS`]) becomes a sentence that says in how many rounds
//! it held. It says "more" or "less" only when every round puts the ratio on
//! the same side of 1; otherwise it says that the rounds disagree.

use crate::rounds::{LoadRow, Rounds};
use crate::{CHANNELS, PRODUCERS, entry};
use std::collections::BTreeMap;

/// The channel every "vs std" ratio of the table divides by.
const BASELINE: &str = "std-channel";

/// A measured quantity of a channel, per round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Messages per second, wall clock.
    Rate,
    /// CPU time of the whole process per message.
    Cpu,
    /// CPU time of the receiving thread per message.
    RecvCpu,
    /// The median ping-pong round trip.
    P50,
    /// The 99th-percentile round trip.
    P99,
}

impl Metric {
    /// The metric's value for a channel in each round, in round order
    /// (latency metrics ignore `producers`).
    pub fn per_round(self, r: &Rounds, id: &str, producers: usize) -> Vec<f64> {
        match self {
            Metric::Rate => r
                .throughput_of(id, producers)
                .iter()
                .map(|t| t.rate())
                .collect(),
            Metric::Cpu => r
                .throughput_of(id, producers)
                .iter()
                .map(|t| t.cpu_per_message())
                .collect(),
            Metric::RecvCpu => r
                .throughput_of(id, producers)
                .iter()
                .map(|t| t.recv_cpu_per_message())
                .collect(),
            Metric::P50 => r.latency_of(id).iter().map(|l| l.p50_ns as f64).collect(),
            Metric::P99 => r.latency_of(id).iter().map(|l| l.p99_ns as f64).collect(),
        }
    }

    /// "A ... B": what it means that A's value is above B's, and below.
    fn verbs(self) -> (&'static str, &'static str) {
        match self {
            Metric::Rate => (
                "moved more messages per second than",
                "moved fewer messages per second than",
            ),
            Metric::Cpu => (
                "spent more CPU time per message than",
                "spent less CPU time per message than",
            ),
            Metric::RecvCpu => (
                "spent more CPU time per message on the receiving thread than",
                "spent less CPU time per message on the receiving thread than",
            ),
            Metric::P50 => (
                "took longer for a median round trip than",
                "took less time for a median round trip than",
            ),
            Metric::P99 => (
                "had slower 99th-percentile round trips than",
                "had faster 99th-percentile round trips than",
            ),
        }
    }

    fn key(self) -> &'static str {
        match self {
            Metric::Rate => "rate",
            Metric::Cpu => "cpu",
            Metric::RecvCpu => "recv",
            Metric::P50 => "p50",
            Metric::P99 => "p99",
        }
    }
}

/// A comparison the chapter makes: channel `a` against channel `b` on
/// `metric`, with `producers` producers (1 for the latency metrics).
#[derive(Debug, Clone, Copy)]
pub struct Claim {
    pub metric: Metric,
    pub a: &'static str,
    pub b: &'static str,
    pub producers: usize,
}

impl Claim {
    /// The figure key: `rate-std-sync-0-vs-std-channel-4`, `p50-a-vs-b`.
    pub fn key(&self) -> String {
        match self.metric {
            Metric::P50 | Metric::P99 => format!("{}-{}-vs-{}", self.metric.key(), self.a, self.b),
            _ => format!(
                "{}-{}-vs-{}-{}",
                self.metric.key(),
                self.a,
                self.b,
                self.producers
            ),
        }
    }

    /// A's value over B's, round by round.
    pub fn ratios(&self, r: &Rounds) -> Vec<f64> {
        let a = self.metric.per_round(r, self.a, self.producers);
        let b = self.metric.per_round(r, self.b, self.producers);
        a.iter().zip(&b).map(|(a, b)| a / b).collect()
    }
}

const fn claim(metric: Metric, a: &'static str, b: &'static str, producers: usize) -> Claim {
    Claim {
        metric,
        a,
        b,
        producers,
    }
}

use Metric::{Cpu, P50, P99, Rate, RecvCpu};

/// Every comparison the chapter may make.
pub const CLAIMS: &[Claim] = &[
    // Capacity against crate.
    claim(Rate, "std-sync-0", "std-channel", 1),
    claim(Rate, "std-sync-0", "std-channel", 4),
    claim(Rate, "std-sync-1", "std-channel", 1),
    claim(Rate, "std-sync-1", "std-channel", 4),
    claim(Rate, "std-sync-1024", "std-channel", 1),
    claim(Rate, "std-sync-1024", "std-channel", 4),
    claim(Rate, "std-sync-1024", "std-sync-1", 1),
    claim(Rate, "std-sync-1024", "std-sync-1", 4),
    claim(Cpu, "std-sync-0", "std-channel", 1),
    // The general-purpose channels.
    claim(Rate, "crossbeam-unbounded", "std-channel", 1),
    claim(Rate, "crossbeam-unbounded", "std-channel", 4),
    claim(Rate, "crossbeam-1024", "std-sync-1024", 4),
    claim(Rate, "flume-unbounded", "std-channel", 1),
    claim(Rate, "flume-unbounded", "std-channel", 4),
    claim(Rate, "flume-1024", "std-sync-1024", 4),
    claim(Cpu, "flume-unbounded", "std-channel", 4),
    // tokio: the bridge, and between tasks.
    claim(Rate, "tokio-1024", "std-channel", 4),
    claim(Rate, "tokio-1024-tasks", "tokio-1024", 1),
    claim(Rate, "tokio-1024-tasks", "tokio-1024", 4),
    claim(P50, "tokio-1024-tasks", "tokio-1024", 1),
    claim(P50, "tokio-1024", "std-channel", 1),
    // The book's own channel.
    claim(Rate, "book-19-1", "std-channel", 4),
    claim(Rate, "book-19-2", "book-19-1", 4),
    claim(Rate, "book-19-3", "book-19-1", 1),
    claim(Rate, "book-19-3", "book-19-1", 4),
    claim(Rate, "book-19-4", "book-19-3", 1),
    claim(Rate, "book-19-4", "book-19-3", 4),
    claim(Cpu, "book-19-4", "book-19-3", 1),
    claim(Cpu, "book-19-4", "book-19-3", 4),
    claim(RecvCpu, "book-19-4", "book-19-3", 4),
    // Latency.
    claim(P50, "std-sync-0", "std-channel", 1),
    claim(P50, "crossbeam-unbounded", "std-channel", 1),
    claim(P99, "book-19-4", "book-19-3", 1),
];

/// Channels whose medians the chapter gives as one range ("the
/// general-purpose channels moved ... to ...").
pub const GROUPS: &[(&str, &[&str])] = &[
    (
        "general",
        &[
            "std-channel",
            "std-sync-1024",
            "crossbeam-unbounded",
            "crossbeam-1024",
            "flume-unbounded",
            "flume-1024",
        ],
    ),
    ("tight", &["std-sync-0", "std-sync-1"]),
    (
        "book",
        &["book-19-1", "book-19-2", "book-19-3", "book-19-4"],
    ),
];

/// The work per ticket of the cost model's chef, in nanoseconds.
pub const CHEF_WORK_NS: f64 = 1_000.0;

/// Median, smallest and largest of a cell's per-round values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub median: f64,
    pub min: f64,
    pub max: f64,
}

pub fn spread(values: &[f64]) -> Spread {
    assert!(!values.is_empty(), "no rounds to summarise");
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let median = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    Spread {
        median,
        min: v[0],
        max: v[n - 1],
    }
}

/// `x` to `digits` significant digits, with thousands separated by commas.
pub fn sig(x: f64, digits: i32) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let mut magnitude = x.abs().log10().floor() as i32;
    let mut rounded =
        (x * 10f64.powi(digits - 1 - magnitude)).round() / 10f64.powi(digits - 1 - magnitude);
    // 9.996 at three digits is 10.0: one digit more before the point, so
    // one fewer after it.
    if rounded.abs() >= 10f64.powi(magnitude + 1) {
        magnitude += 1;
        rounded =
            (x * 10f64.powi(digits - 1 - magnitude)).round() / 10f64.powi(digits - 1 - magnitude);
    }
    let decimals = (digits - 1 - magnitude).max(0) as usize;
    let text = format!("{rounded:.decimals$}");
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if frac.is_empty() {
        grouped
    } else {
        format!("{grouped}.{frac}")
    }
}

/// A ratio as the chapter writes it: `1.43×` above one, `1/420` below;
/// three digits below ten, so a ratio just off 1 does not read as 1.
pub fn ratio(x: f64) -> String {
    let digits = |v: f64| if v < 10.0 { 3 } else { 2 };
    if x >= 1.0 {
        format!("{}×", sig(x, digits(x)))
    } else {
        format!("1/{}", sig(1.0 / x, digits(1.0 / x)))
    }
}

/// Messages per second in millions.
pub fn millions(rate: f64) -> String {
    sig(rate / 1e6, 3)
}

/// A duration in nanoseconds, in the unit that reads best.
pub fn duration(ns: f64) -> String {
    match ns {
        n if n >= 1e6 => format!("{} ms", sig(n / 1e6, 2)),
        n if n >= 1e3 => format!("{} µs", sig(n / 1e3, 2)),
        n => format!("{} ns", sig(n, 2)),
    }
}

fn count_words(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS.get(n).map_or(n.to_string(), |w| w.to_string())
}

fn with_producers(producers: usize) -> String {
    format!(
        " with {} producer{}",
        count_words(producers),
        if producers == 1 { "" } else { "s" }
    )
}

fn label(id: &str) -> &'static str {
    entry(id).unwrap_or_else(|| panic!("no channel {id}")).label
}

/// The sentence for a claim: in how many rounds it held, or that the
/// rounds disagree.
pub fn sentence(claim: &Claim, rounds: &Rounds) -> String {
    let ratios = claim.ratios(rounds);
    let n = ratios.len();
    let above = ratios.iter().filter(|&&x| x > 1.0).count();
    let below = ratios.iter().filter(|&&x| x < 1.0).count();
    let s = spread(&ratios);
    let (more, less) = claim.metric.verbs();
    let (a, b) = (label(claim.a), label(claim.b));
    let with = match claim.metric {
        P50 | P99 => String::new(),
        _ => with_producers(claim.producers),
    };
    let range = format!(
        "ratio {} to {}, median {}",
        ratio(s.min),
        ratio(s.max),
        ratio(s.median)
    );
    if above == n {
        format!("`{a}` {more} `{b}`{with} in all {n} rounds ({range})")
    } else if below == n {
        format!("`{a}` {less} `{b}`{with} in all {n} rounds ({range})")
    } else {
        format!(
            "the rounds disagree: `{a}` {more} `{b}`{with} in {above} of {n} rounds and \
             the opposite in {below} ({range})"
        )
    }
}

fn plural(n: usize, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}

/// Every figure the chapter may show, by key.
pub fn figures(rounds: &Rounds, run: &serde_json::Value) -> BTreeMap<String, String> {
    let mut f = BTreeMap::new();
    let n = rounds.count();
    f.insert("rounds".into(), n.to_string());
    f.insert("min-rounds".into(), crate::rounds::MIN_ROUNDS.to_string());
    f.insert(
        "watchdog".into(),
        plural(crate::watchdog::LIMIT.as_secs() as usize, "second"),
    );
    f.insert(
        "command".into(),
        format!("`{}`", run["command"].as_str().unwrap_or("unknown")),
    );
    f.insert("chef-work".into(), crate::chart::nanoseconds(CHEF_WORK_NS));
    for c in CLAIMS {
        f.insert(c.key(), sentence(c, rounds));
    }
    for e in CHANNELS {
        for p in PRODUCERS {
            let rate = spread(&Rate.per_round(rounds, e.id, p));
            f.insert(
                format!("rate-{}-{p}", e.id),
                format!(
                    "{} million messages a second (rounds: {} to {})",
                    millions(rate.median),
                    millions(rate.min),
                    millions(rate.max)
                ),
            );
            let cpu = spread(&Cpu.per_round(rounds, e.id, p));
            let recv = spread(&RecvCpu.per_round(rounds, e.id, p));
            f.insert(
                format!("cpu-{}-{p}", e.id),
                format!(
                    "{} of CPU time per message, {} of it on the receiving thread",
                    duration(cpu.median),
                    duration(recv.median)
                ),
            );
        }
        let p50 = spread(&P50.per_round(rounds, e.id, 1));
        let p99 = spread(&P99.per_round(rounds, e.id, 1));
        let max = rounds
            .latency_of(e.id)
            .iter()
            .map(|l| l.max_ns)
            .max()
            .unwrap_or(0);
        f.insert(
            format!("latency-{}", e.id),
            format!(
                "a median round trip of {}, a 99th percentile of {} and a slowest round \
                 trip of {}",
                duration(p50.median),
                duration(p99.median),
                duration(max as f64)
            ),
        );
    }
    for (name, ids) in GROUPS {
        for p in PRODUCERS {
            let medians: Vec<f64> = ids
                .iter()
                .map(|id| spread(&Rate.per_round(rounds, id, p)).median)
                .collect();
            let s = spread(&medians);
            f.insert(
                format!("range-{name}-{p}"),
                format!(
                    "between {} and {} million messages a second",
                    millions(s.min),
                    millions(s.max)
                ),
            );
        }
    }
    cost_model(rounds, &mut f);
    load(&rounds.load, &mut f);
    f.insert("table".into(), table(rounds));
    f.insert("cost-table".into(), cost_table(rounds));
    f.insert("rounds-table".into(), rounds_table(&rounds.load));
    f.insert("machine".into(), machine(rounds, run));
    f
}

/// The receiving side's CPU per message against the chef's work, and what
/// the producers spend beside it.
fn cost_model(rounds: &Rounds, f: &mut BTreeMap<String, String>) {
    for id in [
        "std-channel",
        "crossbeam-unbounded",
        "flume-unbounded",
        "std-sync-0",
    ] {
        let recv = RecvCpu.per_round(rounds, id, 4);
        let share: Vec<f64> = recv
            .iter()
            .map(|r| 100.0 * r / (CHEF_WORK_NS + r))
            .collect();
        let (r, s) = (spread(&recv), spread(&share));
        f.insert(
            format!("chef-{id}"),
            format!(
                "{} per message (rounds: {} to {}), so {}% of the chef's time per ticket \
                 (rounds: {}% to {}%)",
                duration(r.median),
                duration(r.min),
                duration(r.max),
                sig(s.median, 2),
                sig(s.min, 2),
                sig(s.max, 2)
            ),
        );
        let others: Vec<f64> = rounds
            .throughput_of(id, 4)
            .iter()
            .map(|t| (t.cpu_ns as f64 - t.recv_cpu_ns as f64) / t.messages as f64)
            .collect();
        f.insert(format!("producers-{id}"), duration(spread(&others).median));
    }
}

fn load(load: &[LoadRow], f: &mut BTreeMap<String, String>) {
    let n = load.len();
    let flagged = load.iter().filter(|r| r.flagged()).count();
    let cores = load.first().map_or(0, |r| r.cores);
    f.insert(
        "flagged".into(),
        match flagged {
            0 => format!("none of the {n} rounds"),
            k if k == n => format!("all {n} rounds"),
            k => format!("{k} of the {n} rounds"),
        },
    );
    let loads: Vec<f64> = load
        .iter()
        .flat_map(|r| [r.load_before, r.load_after])
        .collect();
    let others: Vec<f64> = load.iter().map(|r| r.others_cores).collect();
    let secs: Vec<f64> = load.iter().map(|r| r.seconds).collect();
    let (l, o, s) = (spread(&loads), spread(&others), spread(&secs));
    f.insert(
        "load".into(),
        format!(
            "the one-minute load average ranged from {} to {} on {}, and other \
             processes kept {} to {} cores busy",
            sig(l.min, 2),
            sig(l.max, 2),
            plural(cores, "core"),
            sig(o.min, 2),
            sig(o.max, 2)
        ),
    );
    f.insert(
        "round-seconds".into(),
        format!("{} to {} seconds", sig(s.min, 2), sig(s.max, 2)),
    );
}

/// The chapter's main table, throughput: per channel and workload, the
/// median and spread over the rounds, and how it compares with std's
/// `channel()` (the median of the rounds' ratios, each round's channels
/// measured side by side).
fn table(rounds: &Rounds) -> String {
    let mut t = String::from(
        "| Channel | 1 producer | vs std | 4 producers | vs std |\n\
         | --- | ---: | ---: | ---: | ---: |\n",
    );
    for e in CHANNELS {
        let mut row = format!("| `{}` |", e.label);
        for p in PRODUCERS {
            let s = spread(&Rate.per_round(rounds, e.id, p));
            let vs_std = claim(Rate, e.id, BASELINE, p).ratios(rounds);
            row += &format!(
                " {} ({}–{}) | {} |",
                millions(s.median),
                millions(s.min),
                millions(s.max),
                ratio(spread(&vs_std).median)
            );
        }
        t += &row;
        t.push('\n');
    }
    t.trim_end().to_string()
}

/// What a message costs beside the throughput: CPU time per message and the
/// ping-pong round trip, per channel.
fn cost_table(rounds: &Rounds) -> String {
    let mut t = String::from(
        "| Channel | CPU per message, 4 producers (the chef's share) \
         | Round trip, p50 | p99 | Slowest |\n| --- | ---: | ---: | ---: | ---: |\n",
    );
    // A duration's number and unit stay on one line in a narrow column.
    let cell = |ns: f64| duration(ns).replace(' ', "\u{a0}");
    for e in CHANNELS {
        let cpu = spread(&Cpu.per_round(rounds, e.id, 4));
        let recv = spread(&RecvCpu.per_round(rounds, e.id, 4));
        let p50 = spread(&P50.per_round(rounds, e.id, 1));
        let p99 = spread(&P99.per_round(rounds, e.id, 1));
        let max = rounds
            .latency_of(e.id)
            .iter()
            .map(|l| l.max_ns)
            .max()
            .unwrap_or(0);
        t += &format!(
            "| `{}` | {} ({}) | {} | {} | {} |\n",
            e.label,
            cell(cpu.median),
            cell(recv.median),
            cell(p50.median),
            cell(p99.median),
            cell(max as f64)
        );
    }
    t.trim_end().to_string()
}

/// One line per round: when, how long, and the load around it.
fn rounds_table(load: &[LoadRow]) -> String {
    let mut t = String::from(
        "| Round | Started (UTC) | Seconds | Load before → after | Other processes, cores | Flagged |\n\
         | ---: | ---: | ---: | ---: | ---: | --- |\n",
    );
    for r in load {
        t += &format!(
            "| {} | {} | {} | {} → {} | {} | {} |\n",
            r.round,
            crate::rounds::utc_time(r.started),
            sig(r.seconds, 3),
            sig(r.load_before, 3),
            sig(r.load_after, 3),
            sig(r.others_cores, 2),
            if r.flagged() {
                "yes: load above the core count"
            } else {
                "no"
            }
        );
    }
    t.trim_end().to_string()
}

/// The machine and the run, as a list.
fn machine(rounds: &Rounds, run: &serde_json::Value) -> String {
    let text = |k: &str| run[k].as_str().unwrap_or("unknown").to_string();
    let crates = run["crates"]
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| format!("{k} {}", v.as_str().unwrap_or("?")))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    let messages: Vec<u64> = rounds.throughput.iter().map(|t| t.messages).collect();
    let (lo, hi) = (
        messages.iter().min().copied().unwrap_or(0),
        messages.iter().max().copied().unwrap_or(0),
    );
    let trips = rounds.latency.first().map_or(0, |l| l.trips);
    let seconds = run["seconds"].as_f64().unwrap_or(0.0);
    format!(
        "- CPU: {} ({}, shared with other work)\n\
         - Compiler: {}, release profile\n\
         - Crates: {crates}\n\
         - Workload: {} to {} `u64` messages per throughput run, depending on the channel, \
         split evenly among the producers; {} round trips per latency run\n\
         - Rounds: {}, each running every channel and workload once in a fresh random order\n\
         - Date: {}; the whole run took {} min {} s, build excluded",
        text("cpu"),
        plural(run["cores"].as_u64().unwrap_or(0) as usize, "logical core"),
        text("rustc"),
        sig(lo as f64, 3),
        sig(hi as f64, 3),
        sig(trips as f64, 3),
        rounds.count(),
        text("date"),
        (seconds / 60.0).floor(),
        (seconds % 60.0).round(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(sig(24_312_000.0 / 1e6, 3), "24.3");
        assert_eq!(sig(0.04409, 3), "0.0441");
        assert_eq!(sig(1_000_000.0, 3), "1,000,000");
        assert_eq!(ratio(1.436), "1.44×");
        assert_eq!(ratio(1.0 / 1.031), "1/1.03");
        assert_eq!(ratio(1.0 / 9.9996), "1/10.0");
        assert_eq!(sig(99.97, 2), "100");
        assert_eq!(sig(0.09996, 3), "0.100");
        assert_eq!(ratio(1.0 / 601.0), "1/600");
        assert_eq!(duration(17.2), "17 ns");
        assert_eq!(duration(23_456.0), "23 µs");
        assert_eq!(duration(2_345_678.0), "2.3 ms");
    }

    /// Rounds in which channel "a" moved `a[i]` messages a second and the
    /// baseline 10 million.
    fn rounds(a: &[f64]) -> Rounds {
        let mut r = Rounds::default();
        for (i, rate) in a.iter().enumerate() {
            for (channel, rate) in [("std-sync-1024", *rate), ("std-channel", 1e7)] {
                r.throughput.push(crate::rounds::ThroughputRow {
                    round: i as u32 + 1,
                    order: 1,
                    channel: channel.into(),
                    producers: 4,
                    messages: 1_000_000,
                    wall_ns: (1e15 / rate) as u64,
                    cpu_ns: 1,
                    recv_cpu_ns: 1,
                });
            }
        }
        r
    }

    #[test]
    fn a_claim_is_made_only_when_every_round_agrees() {
        let c = claim(Rate, "std-sync-1024", "std-channel", 4);
        assert_eq!(
            sentence(&c, &rounds(&[1.2e7, 1.5e7, 1.1e7, 1.3e7, 1.4e7])),
            "`std sync_channel(1024)` moved more messages per second than `std channel()` \
             with four producers in all 5 rounds (ratio 1.10× to 1.50×, median 1.30×)"
        );
        assert_eq!(
            sentence(&c, &rounds(&[0.5e7, 0.8e7, 0.9e7, 0.7e7, 0.6e7])),
            "`std sync_channel(1024)` moved fewer messages per second than `std channel()` \
             with four producers in all 5 rounds (ratio 1/2.00 to 1/1.11, median 1/1.43)"
        );
        assert_eq!(
            sentence(&c, &rounds(&[1.2e7, 1.5e7, 0.9e7, 1.3e7, 1.4e7])),
            "the rounds disagree: `std sync_channel(1024)` moved more messages per second \
             than `std channel()` with four producers in 4 of 5 rounds and the opposite in 1 \
             (ratio 1/1.11 to 1.50×, median 1.30×)"
        );
    }

    #[test]
    fn median_of_even_and_odd() {
        assert_eq!(spread(&[3.0, 1.0, 2.0]).median, 2.0);
        assert_eq!(spread(&[4.0, 1.0, 2.0, 3.0]).median, 2.5);
        assert_eq!(spread(&[4.0, 1.0, 2.0, 3.0]).max, 4.0);
    }

    #[test]
    fn every_claim_names_channels_that_exist() {
        for c in CLAIMS {
            assert!(entry(c.a).is_some() && entry(c.b).is_some(), "{}", c.key());
            assert!(PRODUCERS.contains(&c.producers), "{}", c.key());
        }
        for (name, ids) in GROUPS {
            for id in *ids {
                assert!(entry(id).is_some(), "group {name}: {id}");
            }
        }
    }
}
