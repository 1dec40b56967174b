//! Output checks for the listings of chapter 11.
//!
//! Listings 11-1 and 11-2 print the log file their writer thread produced.
//! Which cook's line came first varies from run to run; the checks state
//! what every run guarantees: every line from every cook is in the file
//! exactly once and intact (each line is compared whole, checksum included),
//! each cook's lines are in the order it logged them, and the counts agree.
//! Listing 11-3 prints only counts that every run shares, so it is exact.

use listings::*;
use std::process::ExitStatus;

pub const PROPERTIES: &[(&str, Property)] = &[
    ("listing-11-01-log-writer", log_writer),
    ("listing-11-02-bounded-log", bounded_log),
];

/// The same checksum as Listing 11-1: byte sum modulo 65536.
fn checksum(line: &str) -> u32 {
    line.bytes().map(u32::from).sum::<u32>() % 65536
}

/// Listing 11-1: 3 cooks x 6 lines, each line with its checksum, then the
/// count line.
fn log_writer(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    let per_cook: Vec<Vec<String>> = (1..=3u32)
        .map(|cook| {
            (1..=6u32)
                .map(|seq| {
                    let line = format!(
                        "cook {cook} line {seq:02}: plated order {} for table {cook}",
                        seq * 10 + cook
                    );
                    format!("{line} #{:04x}", checksum(&line))
                })
                .collect()
        })
        .collect();
    let lines: Vec<&str> = out.lines().collect();
    let Some((_, file)) = lines.split_last() else {
        return Err("no output".into());
    };
    each_once_in_producer_order(file, &per_cook)?;
    last_line_is(out, "18 lines written, 18 in the file")
}

/// Listing 11-2: while the writer is stalled, every cook finds the channel
/// full and exactly 8 lines (the bound) are queued; then all 30 lines reach
/// the file, each once, each cook's in order.
fn bounded_log(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    first_line_is(out, "disk not ready: all 3 cooks found the channel full")?;
    let lines: Vec<&str> = out.lines().collect();
    if lines.get(1) != Some(&"lines queued meanwhile: 8 (the bound is 8)") {
        return Err(format!(
            "expected 8 lines queued (the bound) while the writer was stalled, got {:?}",
            lines.get(1)
        ));
    }
    if lines.len() < 3 {
        return Err("the file's lines are missing".into());
    }
    let file = &lines[2..lines.len() - 1];
    let per_cook: Vec<Vec<String>> = (1..=3)
        .map(|cook| {
            (1..=10)
                .map(|seq| format!("cook {cook} line {seq:02}"))
                .collect()
        })
        .collect();
    each_once_in_producer_order(file, &per_cook)?;
    last_line_is(out, "30 lines written, 30 in the file")
}
