//! Output checks for the listings of chapter 10.
//!
//! Several sources feed one event loop, so events from different sources mix
//! differently on every run. The checks state what every run guarantees:
//! every event handled exactly once, each source's events in the order it
//! sent them, and the closing lines (which count the events) last.

use listings::*;
use std::process::ExitStatus;

pub const PROPERTIES: &[(&str, Property)] = &[
    ("listing-10-01-one-event-loop", one_event_loop),
    ("listing-10-02-closing-time", closing_time),
    ("listing-10-03-boxed-commands", boxed_commands),
];

fn strings(items: &[String]) -> Vec<&str> {
    items.iter().map(String::as_str).collect()
}

/// Listing 10-1: three sources, eleven events, loop ends after all of them.
fn one_event_loop(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    let lines: Vec<&str> = out.lines().collect();
    let Some((_, events)) = lines.split_last() else {
        return Err("no output".into());
    };
    let keys: Vec<String> = "4 pax".chars().map(|k| format!("key {k:?}")).collect();
    let ticks: Vec<String> = (1..=3).map(|n| format!("tick {n}")).collect();
    let deliveries: Vec<String> = [(101, "ramen"), (102, "gyoza"), (103, "mochi")]
        .iter()
        .map(|(id, dish)| format!("delivery {id}: {dish}"))
        .collect();
    each_once_in_producer_order(events, &[keys, ticks, deliveries])?;
    last_line_is(
        out,
        "all sources gone: 3 ticks, 3 deliveries, keypad typed \"4 pax\"",
    )
}

/// Listing 10-2: keys 1, 2 and q in order, ticks 1..=n in order among them
/// (any number), nothing after q but the two closing lines; the clock's
/// failed tick comes after every tick the loop saw, and the count matches.
fn closing_time(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    let lines: Vec<&str> = out.lines().collect();
    let q = position_of(out, "key 'q': closing time")?;
    if lines.len() != q + 3 {
        return Err(format!(
            "expected exactly two lines after closing time, got {}",
            lines.len() - q - 1
        ));
    }
    let before = &lines[..q];
    let ticks: Vec<&str> = before
        .iter()
        .copied()
        .filter(|l| l.starts_with("tick "))
        .collect();
    let keys: Vec<&str> = before
        .iter()
        .copied()
        .filter(|l| !l.starts_with("tick "))
        .collect();
    if keys != ["key '1'", "key '2'"] {
        return Err(format!(
            "expected keys '1' and '2' before 'q', got {keys:?}"
        ));
    }
    let expected: Vec<String> = (1..=ticks.len()).map(|n| format!("tick {n}")).collect();
    if ticks != strings(&expected) {
        return Err(format!(
            "expected ticks 1..={} in order, got {ticks:?}",
            ticks.len()
        ));
    }
    let undelivered: usize = lines[q + 1]
        .strip_prefix("clock stopped: tick ")
        .and_then(|r| r.strip_suffix(" had nobody to hear it"))
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("expected the clock's last line, got {:?}", lines[q + 1]))?;
    if undelivered <= ticks.len() {
        return Err(format!(
            "the clock failed to send tick {undelivered}, but the loop saw {} ticks",
            ticks.len()
        ));
    }
    last_line_is(
        out,
        &format!("event loop saw {} ticks before closing", ticks.len()),
    )
}

/// Listing 10-3: six commands from two plugins, each plugin's in order; the
/// totals are the same whatever the mix.
fn boxed_commands(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    let lines: Vec<&str> = out.lines().collect();
    let Some((_, log)) = lines.split_last() else {
        return Err("no output".into());
    };
    let seats: Vec<String> = [2, 4, 3]
        .iter()
        .map(|p| format!("seat party of {p}"))
        .collect();
    let points: Vec<String> = [("Ana", 10), ("Ben", 25), ("Caro", 5)]
        .iter()
        .map(|(g, p)| format!("{g} +{p} points"))
        .collect();
    each_once_in_producer_order(log, &[seats, points])?;
    last_line_is(out, "9 guests seated, 40 points given")
}
