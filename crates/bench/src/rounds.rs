//! Interleaved rounds: each round runs every cell (a channel under the
//! throughput workload with each producer count, and the channel's latency
//! workload) once, in a fresh random order, and records the machine's load
//! around it. Drift on a shared machine (other builds starting and
//! stopping) then spreads over every channel alone instead of favouring
//! whichever channel happened to be measured during a quiet minute.
//!
//! The records are plain CSV, one line per cell per round, so every round's
//! numbers stay in `src/data/` and the report can be rerun from them.

use crate::watchdog::Watchdog;
use crate::{CHANNELS, Entry, PRODUCERS};
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The files, under `src/data/`, that hold every round's numbers.
pub const THROUGHPUT_CSV: &str = "ch20-rounds-throughput.csv";
pub const LATENCY_CSV: &str = "ch20-rounds-latency.csv";
pub const LOAD_CSV: &str = "ch20-rounds-load.csv";

/// The fewest rounds a full run may have: fewer cannot show whether a
/// result holds from round to round.
pub const MIN_ROUNDS: usize = 5;

/// The rounds of a full run when none are asked for: as many as fit, with
/// room to spare, in the few minutes a full run may take on a busy
/// two-core machine.
pub const DEFAULT_ROUNDS: u32 = 20;

/// One measurement of one round.
#[derive(Clone, Copy)]
pub enum Cell {
    Throughput {
        channel: &'static Entry,
        producers: usize,
    },
    Latency {
        channel: &'static Entry,
    },
}

impl Cell {
    /// Every cell of a round, in the table's order.
    pub fn all() -> Vec<Cell> {
        let mut cells = Vec::new();
        for channel in CHANNELS {
            for producers in PRODUCERS {
                cells.push(Cell::Throughput { channel, producers });
            }
            cells.push(Cell::Latency { channel });
        }
        cells
    }

    /// How the watchdog and the log name this cell.
    pub fn describe(&self) -> String {
        match self {
            Cell::Throughput { channel, producers } => format!(
                "{} ({}), throughput with {producers} producer{}",
                channel.label,
                channel.id,
                if *producers == 1 { "" } else { "s" }
            ),
            Cell::Latency { channel } => {
                format!("{} ({}), ping-pong latency", channel.label, channel.id)
            }
        }
    }
}

/// How much work each cell does.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    /// At most this many messages per throughput run (each channel's own
    /// count otherwise).
    pub max_messages: u64,
    /// Round trips per latency run.
    pub trips: u64,
}

impl Scale {
    /// The full benchmark.
    pub const FULL: Scale = Scale {
        max_messages: u64::MAX,
        trips: 10_000,
    };
    /// The smoke test and the warm-up: enough to cross every code path
    /// (queues filling, threads parking), far too little to time.
    pub const SMOKE: Scale = Scale {
        max_messages: 5_000,
        trips: 200,
    };

    pub fn messages(&self, channel: &Entry) -> u64 {
        channel.messages.min(self.max_messages)
    }
}

/// One throughput cell of one round.
#[derive(Debug, Clone, PartialEq)]
pub struct ThroughputRow {
    pub round: u32,
    /// Where in its round the cell ran, from 1.
    pub order: u32,
    pub channel: String,
    pub producers: usize,
    pub messages: u64,
    pub wall_ns: u64,
    pub cpu_ns: u64,
    pub recv_cpu_ns: u64,
}

impl ThroughputRow {
    pub fn rate(&self) -> f64 {
        self.messages as f64 / (self.wall_ns as f64 / 1e9)
    }
    pub fn cpu_per_message(&self) -> f64 {
        self.cpu_ns as f64 / self.messages as f64
    }
    pub fn recv_cpu_per_message(&self) -> f64 {
        self.recv_cpu_ns as f64 / self.messages as f64
    }
}

/// One latency cell of one round.
#[derive(Debug, Clone, PartialEq)]
pub struct LatencyRow {
    pub round: u32,
    pub order: u32,
    pub channel: String,
    pub trips: u64,
    pub p50_ns: u64,
    pub p99_ns: u64,
    pub max_ns: u64,
}

/// The machine around one round.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadRow {
    pub round: u32,
    /// When the round started, seconds since the Unix epoch.
    pub started: u64,
    pub seconds: f64,
    /// The one-minute load average before and after the round. It counts
    /// every runnable thread, the benchmark's own (up to five) included.
    pub load_before: f64,
    pub load_after: f64,
    pub cores: usize,
    /// CPU time other processes used during the round, in cores: the
    /// machine's busy time less the benchmark's own.
    pub others_cores: f64,
}

impl LoadRow {
    /// A round whose load average, before or after, exceeded the number of
    /// cores: threads were waiting for a core, so the round's numbers include
    /// waiting that the channels did not cause.
    pub fn flagged(&self) -> bool {
        self.load_before.max(self.load_after) > self.cores as f64
    }
}

/// Every round's records.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rounds {
    pub throughput: Vec<ThroughputRow>,
    pub latency: Vec<LatencyRow>,
    pub load: Vec<LoadRow>,
}

impl Rounds {
    pub fn count(&self) -> usize {
        self.load.len()
    }

    /// The rounds' numbers for one cell, in round order.
    pub fn throughput_of(&self, channel: &str, producers: usize) -> Vec<&ThroughputRow> {
        let mut rows: Vec<_> = self
            .throughput
            .iter()
            .filter(|r| r.channel == channel && r.producers == producers)
            .collect();
        rows.sort_by_key(|r| r.round);
        rows
    }

    pub fn latency_of(&self, channel: &str) -> Vec<&LatencyRow> {
        let mut rows: Vec<_> = self
            .latency
            .iter()
            .filter(|r| r.channel == channel)
            .collect();
        rows.sort_by_key(|r| r.round);
        rows
    }
}

/// Runs one cell, checks what it delivered, and records it.
fn run_cell(cell: Cell, scale: Scale, dog: &Watchdog, round: u32, order: u32, out: &mut Rounds) {
    let what = cell.describe();
    let progress = dog.watch(&what);
    match cell {
        Cell::Throughput { channel, producers } => {
            let messages = scale.messages(channel);
            let t = (channel.run)(producers, messages, progress);
            t.tally.assert_complete(messages, &what);
            out.throughput.push(ThroughputRow {
                round,
                order,
                channel: channel.id.to_string(),
                producers,
                messages,
                wall_ns: t.wall.as_nanos() as u64,
                cpu_ns: t.cpu.as_nanos() as u64,
                recv_cpu_ns: t.recv_cpu.as_nanos() as u64,
            });
        }
        Cell::Latency { channel } => {
            let h = (channel.ping)(scale.trips, progress);
            assert_eq!(h.len(), scale.trips, "{what}: round trips went missing");
            out.latency.push(LatencyRow {
                round,
                order,
                channel: channel.id.to_string(),
                trips: scale.trips,
                p50_ns: h.value_at_quantile(0.50),
                p99_ns: h.value_at_quantile(0.99),
                max_ns: h.max(),
            });
        }
    }
}

/// Runs every cell once, in the table's order, each checked for delivery
/// and watched for progress: the smoke test.
pub fn smoke(log: &mut dyn FnMut(&str)) -> Rounds {
    let dog = Watchdog::exiting();
    let mut out = Rounds::default();
    for (i, cell) in Cell::all().into_iter().enumerate() {
        run_cell(cell, Scale::SMOKE, &dog, 0, i as u32 + 1, &mut out);
        log(&format!("ok: {}", cell.describe()));
    }
    out
}

/// Runs `rounds` interleaved rounds at `scale`, after one unrecorded warm-up
/// pass at the smoke scale (first runs pay for page faults and thread
/// stacks no later run pays for).
pub fn measure(rounds: usize, scale: Scale, log: &mut dyn FnMut(&str)) -> Rounds {
    let dog = Watchdog::exiting();
    let mut scratch = Rounds::default();
    for cell in Cell::all() {
        run_cell(cell, Scale::SMOKE, &dog, 0, 0, &mut scratch);
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut rng = fastrand::Rng::new();
    let mut out = Rounds::default();
    for round in 1..=rounds as u32 {
        let mut cells = Cell::all();
        rng.shuffle(&mut cells);
        let (load_before, busy_before, own_before) =
            (load_average(), machine_busy(), crate::cpu_time(false));
        let (started, clock) = (unix_now(), Instant::now());
        for (i, cell) in cells.into_iter().enumerate() {
            run_cell(cell, scale, &dog, round, i as u32 + 1, &mut out);
        }
        let seconds = clock.elapsed().as_secs_f64();
        let own = (crate::cpu_time(false) - own_before).as_secs_f64();
        let others = (machine_busy() - busy_before - own).max(0.0) / seconds;
        let row = LoadRow {
            round,
            started,
            seconds,
            load_before,
            load_after: load_average(),
            cores,
            others_cores: others,
        };
        log(&format!(
            "round {round}/{rounds}: {:.1} s, load {:.2} -> {:.2} on {cores} cores, \
             other processes used {:.2} cores{}",
            row.seconds,
            row.load_before,
            row.load_after,
            row.others_cores,
            if row.flagged() {
                " (flagged: load above the core count)"
            } else {
                ""
            }
        ));
        out.load.push(row);
    }
    out
}

/// The one-minute load average, from `/proc/loadavg` (0 where there is none).
pub fn load_average() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0)
}

/// Seconds of CPU the whole machine has spent busy since boot, from the
/// first line of `/proc/stat` (in clock ticks of a hundredth of a second).
fn machine_busy() -> f64 {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let fields: Vec<f64> = stat
        .lines()
        .next()
        .unwrap_or("")
        .split_whitespace()
        .skip(1)
        .filter_map(|f| f.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal: the busy ones. Steal
    // is time the hypervisor gave to other machines, not to this one's
    // processes, so it is left out with idle and iowait.
    let busy: f64 = [0, 1, 2, 5, 6].iter().filter_map(|&i| fields.get(i)).sum();
    busy / 100.0
}

pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_secs()
}

/// A date `YYYY-MM-DD` (UTC) from seconds since the Unix epoch.
pub fn utc_date(secs: u64) -> String {
    // Howard Hinnant's days-to-civil algorithm.
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// A time of day `HH:MM` (UTC) from seconds since the Unix epoch.
pub fn utc_time(secs: u64) -> String {
    format!("{:02}:{:02}", secs % 86_400 / 3600, secs % 3600 / 60)
}

const THROUGHPUT_HEAD: &str = "round,order,channel,producers,messages,wall_ns,cpu_ns,recv_cpu_ns";
const LATENCY_HEAD: &str = "round,order,channel,trips,p50_ns,p99_ns,max_ns";
const LOAD_HEAD: &str =
    "round,started_unix,seconds,load_before,load_after,cores,others_cores,flagged";

impl Rounds {
    /// Writes the three CSV files into `data`.
    pub fn write(&self, data: &Path) -> std::io::Result<()> {
        let mut t = format!("{THROUGHPUT_HEAD}\n");
        for r in &self.throughput {
            writeln!(
                t,
                "{},{},{},{},{},{},{},{}",
                r.round,
                r.order,
                r.channel,
                r.producers,
                r.messages,
                r.wall_ns,
                r.cpu_ns,
                r.recv_cpu_ns
            )
            .unwrap();
        }
        let mut l = format!("{LATENCY_HEAD}\n");
        for r in &self.latency {
            writeln!(
                l,
                "{},{},{},{},{},{},{}",
                r.round, r.order, r.channel, r.trips, r.p50_ns, r.p99_ns, r.max_ns
            )
            .unwrap();
        }
        let mut m = format!("{LOAD_HEAD}\n");
        for r in &self.load {
            writeln!(
                m,
                "{},{},{:.3},{:.2},{:.2},{},{:.2},{}",
                r.round,
                r.started,
                r.seconds,
                r.load_before,
                r.load_after,
                r.cores,
                r.others_cores,
                r.flagged()
            )
            .unwrap();
        }
        std::fs::write(data.join(THROUGHPUT_CSV), t)?;
        std::fs::write(data.join(LATENCY_CSV), l)?;
        std::fs::write(data.join(LOAD_CSV), m)
    }

    /// Reads the three CSV files from `data`; an error names the file and
    /// line.
    pub fn read(data: &Path) -> Result<Rounds, String> {
        let mut out = Rounds::default();
        for fields in lines(data, THROUGHPUT_CSV, THROUGHPUT_HEAD)? {
            let (f, at) = fields;
            out.throughput.push(ThroughputRow {
                round: num(&f, 0, &at)?,
                order: num(&f, 1, &at)?,
                channel: known_channel(&f[2], &at)?,
                producers: num(&f, 3, &at)?,
                messages: num(&f, 4, &at)?,
                wall_ns: num(&f, 5, &at)?,
                cpu_ns: num(&f, 6, &at)?,
                recv_cpu_ns: num(&f, 7, &at)?,
            });
        }
        for (f, at) in lines(data, LATENCY_CSV, LATENCY_HEAD)? {
            out.latency.push(LatencyRow {
                round: num(&f, 0, &at)?,
                order: num(&f, 1, &at)?,
                channel: known_channel(&f[2], &at)?,
                trips: num(&f, 3, &at)?,
                p50_ns: num(&f, 4, &at)?,
                p99_ns: num(&f, 5, &at)?,
                max_ns: num(&f, 6, &at)?,
            });
        }
        for (f, at) in lines(data, LOAD_CSV, LOAD_HEAD)? {
            let row = LoadRow {
                round: num(&f, 0, &at)?,
                started: num(&f, 1, &at)?,
                seconds: num(&f, 2, &at)?,
                load_before: num(&f, 3, &at)?,
                load_after: num(&f, 4, &at)?,
                cores: num(&f, 5, &at)?,
                others_cores: num(&f, 6, &at)?,
            };
            let flagged: bool = num(&f, 7, &at)?;
            if flagged != row.flagged() {
                return Err(format!(
                    "{at}: flagged is {flagged}, but the loads and cores say {}",
                    row.flagged()
                ));
            }
            out.load.push(row);
        }
        out.check_complete()?;
        Ok(out)
    }

    /// Every round has every cell exactly once.
    fn check_complete(&self) -> Result<(), String> {
        for round in 1..=self.count() as u32 {
            for cell in Cell::all() {
                let n = match cell {
                    Cell::Throughput { channel, producers } => self
                        .throughput
                        .iter()
                        .filter(|r| {
                            r.round == round && r.channel == channel.id && r.producers == producers
                        })
                        .count(),
                    Cell::Latency { channel } => self
                        .latency
                        .iter()
                        .filter(|r| r.round == round && r.channel == channel.id)
                        .count(),
                };
                if n != 1 {
                    return Err(format!(
                        "round {round} has {n} records of {}, not one",
                        cell.describe()
                    ));
                }
            }
        }
        Ok(())
    }
}

type Line = (Vec<String>, String);

fn lines(data: &Path, file: &str, head: &str) -> Result<Vec<Line>, String> {
    let path = data.join(file);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut it = text.lines();
    if it.next() != Some(head) {
        return Err(format!("{}:1: the header is not `{head}`", path.display()));
    }
    let width = head.split(',').count();
    it.enumerate()
        .map(|(i, line)| {
            let at = format!("{}:{}", path.display(), i + 2);
            let fields: Vec<String> = line.split(',').map(str::to_string).collect();
            if fields.len() == width {
                Ok((fields, at))
            } else {
                Err(format!("{at}: {} fields, not {width}", fields.len()))
            }
        })
        .collect()
}

fn num<T: std::str::FromStr>(fields: &[String], i: usize, at: &str) -> Result<T, String> {
    fields[i]
        .parse()
        .map_err(|_| format!("{at}: field {} is not a number: {:?}", i + 1, fields[i]))
}

fn known_channel(id: &str, at: &str) -> Result<String, String> {
    match crate::entry(id) {
        Some(_) => Ok(id.to_string()),
        None => Err(format!("{at}: no channel called {id:?} in CHANNELS")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_the_epoch() {
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(951_782_400), "2000-02-29");
        assert_eq!(utc_date(1_796_428_800), "2026-12-05");
        assert_eq!(utc_time(1_796_428_800 + 13 * 3600 + 5 * 60 + 59), "13:05");
    }

    #[test]
    fn a_load_above_the_core_count_is_flagged() {
        let mut row = LoadRow {
            round: 1,
            started: 0,
            seconds: 1.0,
            load_before: 1.5,
            load_after: 1.9,
            cores: 2,
            others_cores: 0.0,
        };
        assert!(!row.flagged());
        row.load_after = 2.1;
        assert!(row.flagged());
    }
}
