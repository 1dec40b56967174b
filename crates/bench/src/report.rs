//! What a run leaves behind, and the check that it still holds.
//!
//! A full run writes every round's numbers (`src/data/ch20-rounds-*.csv`),
//! the run's facts (`src/data/ch20-run.json`: date, compiler, crates,
//! duration), and from those alone the figures
//! (`src/data/ch20-figures.json`) and charts (`src/img/ch20-*.svg`).
//! [`check`] recomputes the figures and charts from the committed rounds and
//! reports every key or file that no longer matches, naming the data.

use crate::chart::{self, Chart};
use crate::figures::{self, Metric, Spread, spread};
use crate::rounds::{self, Rounds};
use crate::{CHANNELS, PRODUCERS};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const RUN_JSON: &str = "ch20-run.json";
pub const FIGURES_JSON: &str = "ch20-figures.json";
pub const CHAPTER: &str = "src/ch20-choosing-a-channel.md";

/// The workspace this crate belongs to.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The crates the run compared, at the versions Cargo.lock pins.
fn locked_versions(root: &Path) -> serde_json::Map<String, serde_json::Value> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).unwrap_or_default();
    let mut found = serde_json::Map::new();
    let mut name = "";
    for line in lock.lines() {
        if let Some(n) = line.strip_prefix("name = ") {
            name = n.trim_matches('"');
        } else if let Some(v) = line.strip_prefix("version = ")
            && ["crossbeam-channel", "flume", "tokio", "hdrhistogram"].contains(&name)
        {
            found.insert(name.to_string(), v.trim_matches('"').into());
        }
    }
    found
}

fn command_line(cmd: &str, args: &[&str]) -> String {
    std::process::Command::new(cmd)
        .args(args)
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// The run's own facts, recorded by the run itself.
pub fn run_info(root: &Path, started: u64, seconds: f64, rounds: usize) -> serde_json::Value {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")?
                .split_once(':')
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    serde_json::json!({
        "date": rounds::utc_date(started),
        "started_unix": started,
        "seconds": (seconds * 10.0).round() / 10.0,
        "rounds": rounds,
        "command": format!("cargo run --release -p bench -- --rounds {rounds}"),
        "rustc": command_line("rustc", &["--version"]),
        "cpu": cpu,
        "cores": std::thread::available_parallelism().map_or(1, |n| n.get()),
        "crates": locked_versions(root),
    })
}

fn rows(f: impl Fn(&str) -> Vec<Spread>) -> Vec<(String, Vec<Spread>)> {
    CHANNELS
        .iter()
        .map(|e| (e.label.to_string(), f(e.id)))
        .collect()
}

/// The three charts, by file name under `src/img/`.
pub fn charts(r: &Rounds) -> Vec<(&'static str, String)> {
    let n = r.count();
    let throughput = Chart {
        title: "Channel throughput: messages per second, one producer and four".into(),
        summary: format!(
            "Median messages per second of each channel over {n} interleaved rounds; whiskers from the lowest to the highest round."
        ),
        axis: "messages per second (log scale: each line is 10× the one before)".into(),
        unit: chart::per_second,
        series: vec!["1 producer".into(), "4 producers".into()],
        rows: rows(|id| {
            PRODUCERS
                .iter()
                .map(|&p| spread(&Metric::Rate.per_round(r, id, p)))
                .collect()
        }),
    };
    let cpu = Chart {
        title:
            "CPU time per message with four producers: all threads, and the receiving thread alone"
                .into(),
        summary: format!(
            "Median CPU time per message over {n} rounds, from the OS's CPU clocks; whiskers from the lowest to the highest round."
        ),
        axis: "CPU time per message (log scale)".into(),
        unit: chart::nanoseconds,
        series: vec!["all threads".into(), "receiving thread".into()],
        rows: rows(|id| {
            [Metric::Cpu, Metric::RecvCpu]
                .iter()
                .map(|m| spread(&m.per_round(r, id, 4)))
                .collect()
        }),
    };
    let latency = Chart {
        title: "Ping-pong round trip between two threads: median and 99th percentile".into(),
        summary: format!(
            "Each round's median and 99th-percentile round trip, median over {n} rounds; whiskers from the lowest to the highest round."
        ),
        axis: "round trip (log scale)".into(),
        unit: chart::nanoseconds,
        series: vec!["median (p50)".into(), "99th percentile".into()],
        rows: rows(|id| {
            [Metric::P50, Metric::P99]
                .iter()
                .map(|m| spread(&m.per_round(r, id, 1)))
                .collect()
        }),
    };
    vec![
        ("ch20-throughput.svg", chart::render(&throughput)),
        ("ch20-cpu.svg", chart::render(&cpu)),
        ("ch20-latency.svg", chart::render(&latency)),
    ]
}

/// The figures as the JSON file holds them: a flat object of strings.
pub fn figures_json(figures: &BTreeMap<String, String>) -> String {
    serde_json::to_string_pretty(figures).expect("strings serialise") + "\n"
}

/// Everything the report derives from the data, by path under the root.
pub fn derived(r: &Rounds, run: &serde_json::Value) -> Vec<(String, String)> {
    let mut out = vec![(
        format!("src/data/{FIGURES_JSON}"),
        figures_json(&figures::figures(r, run)),
    )];
    for (name, svg) in charts(r) {
        out.push((format!("src/img/{name}"), svg));
    }
    out
}

/// Writes the rounds, the run's facts, the figures and the charts.
pub fn write(root: &Path, r: &Rounds, run: &serde_json::Value) -> std::io::Result<Vec<String>> {
    let data = root.join("src/data");
    r.write(&data)?;
    std::fs::write(
        data.join(RUN_JSON),
        serde_json::to_string_pretty(run).expect("JSON") + "\n",
    )?;
    regenerate(root, r, run)
}

/// Rewrites the figures and charts from the data already written.
pub fn regenerate(
    root: &Path,
    r: &Rounds,
    run: &serde_json::Value,
) -> std::io::Result<Vec<String>> {
    let mut written = Vec::new();
    for (path, text) in derived(r, run) {
        std::fs::write(root.join(&path), text)?;
        written.push(path);
    }
    Ok(written)
}

/// Reads the rounds and the run's facts under `root`.
pub fn load(root: &Path) -> Result<(Rounds, serde_json::Value), String> {
    let data = root.join("src/data");
    let rounds = Rounds::read(&data)?;
    let path = data.join(RUN_JSON);
    let run: serde_json::Value = std::fs::read_to_string(&path)
        .map_err(|e| format!("{}: {e}", path.display()))
        .and_then(|t| serde_json::from_str(&t).map_err(|e| format!("{}: {e}", path.display())))?;
    Ok((rounds, run))
}

/// The data files a figure is computed from, for messages.
fn sources() -> String {
    format!(
        "src/data/{}, {}, {} and {RUN_JSON}",
        rounds::THROUGHPUT_CSV,
        rounds::LATENCY_CSV,
        rounds::LOAD_CSV
    )
}

/// The claims check: every committed figure and chart is what the committed
/// rounds give, the run has enough rounds, and every `{{#figure ch20.KEY}}`
/// in the chapter names a figure. Returns one message per problem.
pub fn check(root: &Path) -> Vec<String> {
    let (r, run) = match load(root) {
        Ok(x) => x,
        Err(e) => return vec![e],
    };
    let mut problems = Vec::new();
    if r.count() < rounds::MIN_ROUNDS {
        problems.push(format!(
            "{} holds {} rounds; a claim needs at least {}",
            sources(),
            r.count(),
            rounds::MIN_ROUNDS
        ));
    }
    if run["rounds"].as_u64() != Some(r.count() as u64) {
        problems.push(format!(
            "src/data/{RUN_JSON} says the run had {} rounds, but {} holds {}",
            run["rounds"],
            sources(),
            r.count()
        ));
    }
    let want = figures::figures(&r, &run);
    let path = format!("src/data/{FIGURES_JSON}");
    let have: BTreeMap<String, String> = match std::fs::read_to_string(root.join(&path))
        .map_err(|e| e.to_string())
        .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
    {
        Ok(m) => m,
        Err(e) => return vec![format!("{path}: {e}")],
    };
    for (key, text) in &want {
        match have.get(key) {
            None => problems.push(format!(
                "{path} has no figure ch20.{key}; the data ({}) gives \"{text}\"",
                sources()
            )),
            Some(old) if old != text => problems.push(format!(
                "{path}: figure ch20.{key} says \"{old}\", which the data ({}) no longer \
                 supports; it gives \"{text}\"",
                sources()
            )),
            Some(_) => {}
        }
    }
    for key in have.keys().filter(|k| !want.contains_key(*k)) {
        problems.push(format!(
            "{path}: figure ch20.{key} is computed from nothing"
        ));
    }
    for (file, svg) in charts(&r) {
        let path = format!("src/img/{file}");
        if std::fs::read_to_string(root.join(&path)).ok().as_deref() != Some(svg.as_str()) {
            problems.push(format!(
                "{path} is not the chart the data ({}) gives",
                sources()
            ));
        }
    }
    let chapter = std::fs::read_to_string(root.join(CHAPTER)).unwrap_or_default();
    for key in placeholders(&chapter) {
        if !want.contains_key(&key) {
            problems.push(format!(
                "{CHAPTER}: {{{{#figure ch20.{key}}}}} names no figure the data gives"
            ));
        }
    }
    problems
}

/// The keys of the chapter's `{{#figure ch20.KEY}}` placeholders.
pub fn placeholders(text: &str) -> Vec<String> {
    text.split("{{#figure ch20.")
        .skip(1)
        .filter_map(|rest| rest.split_once("}}").map(|(k, _)| k.trim().to_string()))
        .collect()
}
