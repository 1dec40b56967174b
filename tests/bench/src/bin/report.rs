//! Turns criterion's saved samples into chapter 20's results:
//!
//! - `src/data/ch20-throughput.csv` and `.json`: every number, for anyone to re-plot;
//! - `src/data/ch20-throughput.md`: the table the chapter includes;
//! - `src/data/ch20-machine.md`: where and how the numbers were measured;
//! - `src/img/ch20-throughput.svg`: the chart;
//! - `src/data/ch20-claims/*.md`: every figure the chapter's prose states,
//!   from this run and the archived ones (`bench::claims`).
//!
//! Run by `.ci/bench` after the benchmark: `report CRITERION_DIR BOOK_ROOT`.
//! `report --claims-only BOOK_ROOT` rewrites only the claims, from the CSV
//! files already in `src/data/`.
//! Each of criterion's samples is a batch of runs of the same size; we turn
//! each into messages per second and report the smallest, the median and the
//! largest, so the spread a noisy machine causes stays visible.

use bench::claims::{self, group_digits, millions, ratio};
use bench::{CHANNELS, Entry, PRODUCERS, group_name};
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::{Command, ExitCode};

/// One channel under one workload.
struct Row {
    entry: &'static Entry,
    producers: usize,
    messages: u64,
    /// Messages per second, one per sample, sorted.
    rates: Vec<f64>,
}

impl Row {
    fn min(&self) -> f64 {
        self.rates[0]
    }
    fn max(&self) -> f64 {
        self.rates[self.rates.len() - 1]
    }
    fn median(&self) -> f64 {
        let n = self.rates.len();
        if n % 2 == 1 {
            self.rates[n / 2]
        } else {
            (self.rates[n / 2 - 1] + self.rates[n / 2]) / 2.0
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, root] = args.as_slice()
        && flag == "--claims-only"
    {
        return write_claims(&Path::new(root).join("src/data"));
    }
    let [criterion_dir, root] = args.as_slice() else {
        eprintln!("usage: report CRITERION_DIR BOOK_ROOT, or report --claims-only BOOK_ROOT");
        return ExitCode::FAILURE;
    };
    let (criterion_dir, root) = (Path::new(criterion_dir), Path::new(root));
    let rows = match load(criterion_dir) {
        Ok(rows) => rows,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let machine = Machine::probe(root);

    let data = root.join("src/data");
    let img = root.join("src/img");
    fs::create_dir_all(&data).expect("create src/data");
    fs::create_dir_all(&img).expect("create src/img");
    let outputs = [
        (data.join("ch20-throughput.csv"), csv(&rows)),
        (data.join("ch20-throughput.json"), json(&rows, &machine)),
        (data.join("ch20-throughput.md"), table(&rows)),
        (data.join("ch20-machine.md"), machine.markdown(&rows)),
        (img.join("ch20-throughput.svg"), svg(&rows)),
    ];
    for (path, text) in outputs {
        fs::write(&path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        println!("wrote {}", path.display());
    }
    write_claims(&data)
}

/// The chapter's figures, from the CSV just written and the archived runs.
fn write_claims(data: &Path) -> ExitCode {
    let runs = match claims::load(data) {
        Ok(runs) => runs,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    match claims::write(data, &runs) {
        Ok(paths) => {
            println!(
                "wrote {} claims into {}",
                paths.len(),
                data.join(claims::DIR).display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: writing the claims: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Reads `<dir>/<group>/<id>/new/{benchmark,sample}.json` for every channel
/// and workload; a missing one is an error, so a partial run never passes for
/// a full one.
fn load(dir: &Path) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    for producers in PRODUCERS {
        for entry in CHANNELS {
            let new = dir.join(group_name(producers)).join(entry.id).join("new");
            let read = |name: &str| -> Result<Value, String> {
                let path = new.join(name);
                let text = fs::read_to_string(&path).map_err(|e| {
                    format!(
                        "{}: {e} (run the benchmark first: bash .ci/bench)",
                        path.display()
                    )
                })?;
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
            };
            let benchmark = read("benchmark.json")?;
            let sample = read("sample.json")?;
            let messages = benchmark["throughput"]["Elements"]
                .as_u64()
                .ok_or("benchmark.json has no element throughput")?;
            let numbers = |key: &str| -> Result<Vec<f64>, String> {
                sample[key]
                    .as_array()
                    .ok_or(format!("sample.json has no {key}"))?
                    .iter()
                    .map(|v| v.as_f64().ok_or(format!("sample.json: bad {key}")))
                    .collect()
            };
            let (iters, times) = (numbers("iters")?, numbers("times")?);
            // `times[i]` is the total nanoseconds of `iters[i]` runs.
            let mut rates: Vec<f64> = iters
                .iter()
                .zip(&times)
                .map(|(n, ns)| messages as f64 * n / (ns / 1e9))
                .collect();
            if rates.is_empty() {
                return Err(format!("{}: no samples", new.display()));
            }
            rates.sort_by(f64::total_cmp);
            rows.push(Row {
                entry,
                producers,
                messages,
                rates,
            });
        }
    }
    Ok(rows)
}

/// The median of the baseline (the first channel, std's `channel()`) under
/// the same workload.
fn baseline(rows: &[Row], producers: usize) -> f64 {
    rows.iter()
        .find(|r| r.producers == producers && r.entry.id == CHANNELS[0].id)
        .expect("the baseline was measured")
        .median()
}

fn csv(rows: &[Row]) -> String {
    let mut out = String::from(
        "producers,channel_id,channel,messages_per_run,samples,\
         min_msgs_per_s,median_msgs_per_s,max_msgs_per_s,median_vs_std_channel\n",
    );
    for r in rows {
        writeln!(
            out,
            "{},{},\"{}\",{},{},{:.0},{:.0},{:.0},{:.4}",
            r.producers,
            r.entry.id,
            r.entry.label,
            r.messages,
            r.rates.len(),
            r.min(),
            r.median(),
            r.max(),
            r.median() / baseline(rows, r.producers)
        )
        .unwrap();
    }
    out
}

fn json(rows: &[Row], machine: &Machine) -> String {
    let results: Vec<Value> = rows
        .iter()
        .map(|r| {
            json!({
                "producers": r.producers,
                "channel_id": r.entry.id,
                "channel": r.entry.label,
                "messages_per_run": r.messages,
                "msgs_per_s_per_sample": r.rates.iter().map(|x| x.round()).collect::<Vec<_>>(),
                "min_msgs_per_s": r.min().round(),
                "median_msgs_per_s": r.median().round(),
                "max_msgs_per_s": r.max().round(),
                "median_vs_std_channel": r.median() / baseline(rows, r.producers),
            })
        })
        .collect();
    let doc = json!({
        "machine": {
            "cpu": machine.cpu,
            "logical_cores": machine.cores,
            "rustc": machine.rustc,
            "load_average_before": machine.load_before,
            "load_average_after": machine.load_after,
            "date": machine.date,
        },
        "crates": machine.crates.iter().map(|(n, v)| json!({"name": n, "version": v})).collect::<Vec<_>>(),
        "results": results,
    });
    serde_json::to_string_pretty(&doc).unwrap() + "\n"
}

fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| Channel | 1 producer: median (min–max) | vs std | 4 producers: median (min–max) | vs std |\n\
         | --- | ---: | ---: | ---: | ---: |\n",
    );
    for entry in CHANNELS {
        write!(out, "| `{}` ", entry.label).unwrap();
        for producers in PRODUCERS {
            let r = rows
                .iter()
                .find(|r| r.producers == producers && r.entry.id == entry.id)
                .unwrap();
            write!(
                out,
                "| {} ({}–{}) | {} ",
                millions(r.median()),
                millions(r.min()),
                millions(r.max()),
                ratio(r.median() / baseline(rows, producers))
            )
            .unwrap();
        }
        out.push_str("|\n");
    }
    out.push_str(
        "\nMillions of messages per second (higher is faster); \"vs std\" is the \
         median divided by the median of std's `channel()` under the same workload: \
         \"1/50\" means fifty times slower than std's `channel()`, \"1.50×\" half as fast again.\n",
    );
    out
}

/// Where the numbers came from.
struct Machine {
    cpu: String,
    cores: usize,
    rustc: String,
    load_before: String,
    load_after: String,
    /// How long the whole `.ci/bench` run took, build included.
    duration: String,
    date: String,
    crates: Vec<(String, String)>,
}

impl Machine {
    fn probe(root: &Path) -> Machine {
        let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find(|l| l.starts_with("model name"))
            .and_then(|l| l.split_once(':'))
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_else(|| "unknown".into());
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let rustc = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
            .arg("--version")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_else(|_| "unknown".into());
        // `.ci/bench` notes these before the benchmark starts.
        let load_before = std::env::var("BENCH_LOADAVG").unwrap_or_else(|_| "unknown".into());
        // Read when the report is written, right after the last sample.
        let load_after = fs::read_to_string("/proc/loadavg")
            .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
            .unwrap_or_else(|_| "unknown".into());
        let date = std::env::var("BENCH_DATE").unwrap_or_else(|_| "unknown".into());
        let duration = std::env::var("BENCH_START")
            .ok()
            .and_then(|s| s.trim().parse::<u64>().ok())
            .and_then(|start| {
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .ok()?
                    .as_secs();
                let secs = now.checked_sub(start)?;
                Some(format!("{} min {} s", secs / 60, secs % 60))
            })
            .unwrap_or_else(|| "an unknown time".into());
        Machine {
            cpu,
            cores,
            rustc,
            load_before,
            load_after,
            duration,
            date,
            crates: locked_versions(&root.join("Cargo.lock")),
        }
    }

    fn markdown(&self, rows: &[Row]) -> String {
        let (fewest, most) = (
            rows.iter().map(|r| r.messages).min().unwrap_or(0),
            rows.iter().map(|r| r.messages).max().unwrap_or(0),
        );
        let samples = rows.iter().map(|r| r.rates.len()).min().unwrap_or(0);
        let crates: Vec<String> = self
            .crates
            .iter()
            .map(|(n, v)| format!("{n} {v}"))
            .collect();
        format!(
            "- CPU: {} ({} logical cores, shared with other work)\n\
             - Compiler: {}, `cargo bench` (release profile)\n\
             - Crates: {}\n\
             - Workload: {} to {} `u64` messages per run, depending on the channel, split \
             evenly among the producers; \
             at least {} samples per channel and workload\n\
             - Load average (1, 5, 15 min) when the run started: {}; when it ended: {} \
             (the benchmark's own threads count in it)\n\
             - The whole benchmark took {}, build included\n\
             - Date: {}\n",
            self.cpu,
            self.cores,
            self.rustc,
            crates.join(", "),
            group_digits(fewest),
            group_digits(most),
            samples,
            self.load_before,
            self.load_after,
            self.duration,
            self.date,
        )
    }
}

/// The exact versions of the compared crates, from Cargo.lock.
fn locked_versions(lock: &Path) -> Vec<(String, String)> {
    let text = fs::read_to_string(lock).unwrap_or_default();
    let mut found = Vec::new();
    for name in ["crossbeam-channel", "flume", "tokio", "criterion"] {
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            if line == format!("name = \"{name}\"") {
                if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = ")) {
                    found.push((name.to_string(), v.trim_matches('"').to_string()));
                }
                break;
            }
        }
    }
    found
}

/// A horizontal bar chart on a logarithmic axis: a bar to each median, a
/// whisker from the smallest to the largest sample.
fn svg(rows: &[Row]) -> String {
    // The book shows the chart in an <img>, where `currentColor` is always
    // black, whatever the theme: text and lines use a grey that reads on
    // white and on near-black, and the bars mid-tone colours.
    const INK: &str = "#7d848e";
    const COLOURS: [&str; 2] = ["#4e8fd6", "#e08a3c"];
    let (label_w, plot_x0, plot_x1) = (250.0, 260.0, 700.0);
    let (top, row_h, bar_h) = (64.0, 34.0, 11.0);
    let width = 780.0;
    let height = top + row_h * CHANNELS.len() as f64 + 46.0;

    let lo = rows.iter().map(Row::min).fold(f64::INFINITY, f64::min);
    let hi = rows.iter().map(Row::max).fold(0.0, f64::max);
    let (d0, d1) = (lo.log10().floor(), hi.log10().ceil());
    let x = |rate: f64| plot_x0 + (rate.log10() - d0) / (d1 - d0) * (plot_x1 - plot_x0);
    let plot_bottom = top + row_h * CHANNELS.len() as f64;

    let mut s = String::new();
    writeln!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-labelledby="t d" font-family="sans-serif" font-size="12" font-weight="600">"##
    )
    .unwrap();
    s.push_str(
        "  <title id=\"t\">Channel throughput: messages per second, one producer and four</title>\n",
    );
    let mut desc = String::from(
        "Median messages per second of each channel, from criterion samples (whiskers: slowest to fastest sample). ",
    );
    for r in rows {
        write!(
            desc,
            "{}, {} producer{}: {} million. ",
            r.entry.label,
            r.producers,
            if r.producers == 1 { "" } else { "s" },
            millions(r.median())
        )
        .unwrap();
    }
    writeln!(s, "  <desc id=\"d\">{}</desc>", escape(desc.trim_end())).unwrap();
    s.push_str(
        "  <!-- Generated by tests/bench/src/bin/report.rs (bash .ci/bench); do not edit. -->\n",
    );

    // Legend.
    for (i, producers) in PRODUCERS.iter().enumerate() {
        let lx = plot_x0 + i as f64 * 150.0;
        writeln!(
            s,
            "  <rect x=\"{lx}\" y=\"14\" width=\"14\" height=\"{bar_h}\" fill=\"{}\"/>\n  <text x=\"{}\" y=\"24\" fill=\"{INK}\">{producers} producer{}</text>",
            COLOURS[i],
            lx + 20.0,
            if *producers == 1 { "" } else { "s" }
        )
        .unwrap();
    }
    let wx = plot_x0 + 270.0;
    writeln!(
        s,
        "  <path d=\"M{wx} 19.5H{w1}M{wx} 16V23M{w1} 16V23\" stroke=\"{INK}\" stroke-width=\"1.5\" fill=\"none\"/>\n  <text x=\"{}\" y=\"24\" fill=\"{INK}\">slowest to fastest sample</text>",
        wx + 26.0,
        w1 = wx + 20.0
    )
    .unwrap();

    // Grid: one line per power of ten.
    let mut decade = d0;
    while decade <= d1 {
        let gx = x(10f64.powf(decade));
        writeln!(
            s,
            "  <line x1=\"{gx:.1}\" y1=\"{}\" x2=\"{gx:.1}\" y2=\"{plot_bottom}\" stroke=\"{INK}\" stroke-opacity=\"0.35\" stroke-dasharray=\"3 3\"/>",
            top - 8.0
        )
        .unwrap();
        writeln!(
            s,
            "  <text x=\"{gx:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"{INK}\">{}</text>",
            plot_bottom + 16.0,
            axis_label(10f64.powf(decade))
        )
        .unwrap();
        decade += 1.0;
    }
    writeln!(
        s,
        "  <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{INK}\">messages per second (log scale: each line is 10× the one before)</text>",
        (plot_x0 + plot_x1) / 2.0,
        plot_bottom + 36.0
    )
    .unwrap();

    for (i, entry) in CHANNELS.iter().enumerate() {
        let y0 = top + row_h * i as f64;
        writeln!(
            s,
            "  <text x=\"{label_w}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"{INK}\">{}</text>",
            y0 + row_h / 2.0 + 4.0,
            escape(entry.label)
        )
        .unwrap();
        for (j, producers) in PRODUCERS.iter().enumerate() {
            let r = rows
                .iter()
                .find(|r| r.producers == *producers && r.entry.id == entry.id)
                .unwrap();
            let by = y0 + 5.0 + j as f64 * (bar_h + 1.0);
            let cy = by + bar_h / 2.0;
            let (xmin, xmed, xmax) = (x(r.min()), x(r.median()), x(r.max()));
            writeln!(
                s,
                "  <rect x=\"{plot_x0}\" y=\"{by:.1}\" width=\"{:.1}\" height=\"{bar_h}\" fill=\"{}\"><title>{}, {} producer{}: median {} M/s (min {}, max {})</title></rect>",
                (xmed - plot_x0).max(1.0),
                COLOURS[j],
                escape(entry.label),
                producers,
                if *producers == 1 { "" } else { "s" },
                millions(r.median()),
                millions(r.min()),
                millions(r.max())
            )
            .unwrap();
            writeln!(
                s,
                "  <path d=\"M{xmin:.1} {cy:.1}H{xmax:.1}M{xmin:.1} {:.1}V{:.1}M{xmax:.1} {:.1}V{:.1}\" stroke=\"{INK}\" stroke-width=\"1.5\" fill=\"none\"/>",
                cy - 3.5,
                cy + 3.5,
                cy - 3.5,
                cy + 3.5
            )
            .unwrap();
            writeln!(
                s,
                "  <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"{INK}\">{}</text>",
                xmax + 5.0,
                cy + 3.5,
                millions(r.median()) + " M"
            )
            .unwrap();
        }
    }
    s.push_str("</svg>\n");
    s
}

fn axis_label(rate: f64) -> String {
    match rate {
        r if r >= 1e6 => format!("{} M", r / 1e6),
        r if r >= 1e3 => format!("{} k", r / 1e3),
        r => format!("{r}"),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
