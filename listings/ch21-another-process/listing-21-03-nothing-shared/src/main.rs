// ANCHOR: all
use serde::{Deserialize, Serialize};
use std::io::{self, BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

// ANCHOR: counter
// One counter for the whole program, or so it looks.
static TICKETS_WRITTEN: AtomicU32 = AtomicU32::new(0);
// ANCHOR_END: counter

#[derive(Serialize, Deserialize)]
struct Report {
    waiter: u32,
    counter_seen: u32,
}

fn main() -> io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if let [_, role, n] = &args[..]
        && role == "waiter"
    {
        return waiter(n.parse().expect("a waiter number"));
    }
    chef()
}

// ANCHOR: waiter
fn waiter(waiter: u32) -> io::Result<()> {
    for _ in 0..3 {
        TICKETS_WRITTEN.fetch_add(1, Ordering::Relaxed);
    }
    let report = Report {
        waiter,
        counter_seen: TICKETS_WRITTEN.load(Ordering::Relaxed),
    };
    let mut line = serde_json::to_vec(&report)?;
    line.push(b'\n');
    io::stdout().lock().write_all(&line)
}
// ANCHOR_END: waiter

// ANCHOR: chef
fn chef() -> io::Result<()> {
    let (rail, rail_writer) = io::pipe()?;
    // One waiter after the other, so each starts after the last has counted.
    for n in 1..=3 {
        Command::new(std::env::current_exe()?)
            .args(["waiter", &n.to_string()])
            .stdout(Stdio::from(rail_writer.try_clone()?))
            .status()?;
    }
    drop(rail_writer);
    for line in BufReader::new(rail).lines() {
        let report: Report = serde_json::from_str(&line?)?;
        println!(
            "waiter {}: counted 3 tickets, its TICKETS_WRITTEN is {}",
            report.waiter, report.counter_seen
        );
    }
    println!(
        "chef: my TICKETS_WRITTEN is {}",
        TICKETS_WRITTEN.load(Ordering::Relaxed)
    );
    Ok(())
}
// ANCHOR_END: chef
// ANCHOR_END: all
