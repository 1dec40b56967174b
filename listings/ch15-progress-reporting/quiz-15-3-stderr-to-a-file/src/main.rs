use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::process::Command;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::Duration;
// What a station tells the reporter. Plain data: the stations know nothing
// about terminals, bars or styles.
enum Progress {
    Started { worker: usize, total: u64 },
    Advanced { worker: usize, n: u64 },
    Finished { worker: usize },
}

const STATIONS: [(&str, u64); 3] = [("grill", 12), ("fryer", 9), ("salads", 15)];
fn run_station(worker: usize, total: u64, progress: Sender<Progress>) {
    progress.send(Progress::Started { worker, total }).unwrap();
    let mut left = total;
    while left > 0 {
        // Cook a batch of up to four dishes, then report the whole batch
        // in one message rather than one message per dish.
        let batch = left.min(4);
        thread::sleep(Duration::from_millis(batch)); // about 1 ms a dish
        left -= batch;
        progress
            .send(Progress::Advanced { worker, n: batch })
            .unwrap();
    }
    progress.send(Progress::Finished { worker }).unwrap();
}

// What the reporter remembers about one station, for the summary.
#[derive(Default)]
struct Tally {
    total: u64,
    done: u64,
    updates: u32,
    finished: bool,
}
// The only code that touches the terminal. It runs on one thread and takes
// events in the order they arrive, so two draws can never overlap.
fn report(events: Receiver<Progress>) {
    let multi = MultiProgress::new();
    let style = ProgressStyle::with_template("{prefix:>7} [{bar:30}] {pos:>2}/{len} dishes")
        .unwrap()
        .progress_chars("=> ");
    let mut bars: BTreeMap<usize, ProgressBar> = BTreeMap::new();
    let mut tallies: BTreeMap<usize, Tally> = BTreeMap::new();

    for event in events {
        match event {
            Progress::Started { worker, total } => {
                let bar = ProgressBar::new(total)
                    .with_style(style.clone())
                    .with_prefix(STATIONS[worker].0);
                bars.insert(worker, multi.add(bar));
                tallies.entry(worker).or_default().total = total;
            }
            Progress::Advanced { worker, n } => {
                bars[&worker].inc(n);
                let tally = tallies.entry(worker).or_default();
                tally.done += n;
                tally.updates += 1;
            }
            Progress::Finished { worker } => {
                bars[&worker].finish();
                tallies.entry(worker).or_default().finished = true;
            }
        }
    }

    // The loop ends when every station has dropped its Sender. The summary
    // goes to stdout; the bars went to stderr.
    let mut dishes = 0;
    for (worker, t) in &tallies {
        let state = if t.finished {
            "finished"
        } else {
            "STOPPED EARLY"
        };
        let name = STATIONS[*worker].0;
        println!(
            "{name}: {} of {} dishes in {} updates, {state}",
            t.done, t.total, t.updates
        );
        dishes += t.done;
    }
    println!("all stations reported: {dishes} dishes");
}

// Listing 15-1's `main`.
fn kitchen() {
    let (tx, rx) = mpsc::channel();
    let reporter = thread::spawn(move || report(rx));

    let mut stations = Vec::new();
    for (worker, (_, total)) in STATIONS.iter().enumerate() {
        let tx = tx.clone();
        let total = *total;
        stations.push(thread::spawn(move || run_station(worker, total, tx)));
    }
    // Only the stations may keep the channel open.
    drop(tx);

    for station in stations {
        station.join().unwrap();
    }
    reporter.join().unwrap();
}

// ANCHOR: shown
// The same program, started again as `kitchen` with its stderr going to
// a file, as `2> bars.txt` does in a shell; its stdout is this program's.
fn main() -> std::io::Result<()> {
    if std::env::args().nth(1).as_deref() == Some("kitchen") {
        kitchen();
        return Ok(());
    }
    let bars = std::env::temp_dir().join(format!("bars-{}.txt", std::process::id()));
    let status = Command::new(std::env::current_exe()?)
        .arg("kitchen")
        .stderr(File::create(&bars)?)
        .status()?;
    let written = fs::read(&bars)?.len();
    fs::remove_file(&bars)?;
    println!("({status}; bars.txt holds {written} bytes)");
    Ok(())
}
// ANCHOR_END: shown
