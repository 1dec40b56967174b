//! Output checks for the listings of chapter 22, which start a nats-server
//! of their own (see `tests/broker`).
//!
//! Listings 22-1 and 22-4 print the same every run: their output must equal
//! their `output.txt`. In Listings 22-2 and 22-3 a ticket comes back to Ben
//! once its `ack_wait` runs out, which is usually after the tickets nobody
//! had taken, but not always: Ben's three lines may come in any order, and
//! everything else is exact. Where there is no nats-server (and no Python to
//! install the pinned one), the checks say so in one line and pass.

use listings::*;
use std::process::ExitStatus;

pub const PROPERTIES: &[(&str, Property)] = &[
    ("listing-22-01-at-most-once", at_most_once),
    ("listing-22-02-redelivery", redelivery),
    ("listing-22-03-idempotent-cook", idempotent_cook),
    ("listing-22-04-back-pressure", back_pressure),
];

/// The one line to print, instead of checking, when there is no server.
fn skipped() -> bool {
    match broker::nats_server() {
        Ok(_) => false,
        Err(why) => {
            eprintln!("{}", broker::skip_line(&why));
            true
        }
    }
}

fn exactly(out: &str, status: Option<ExitStatus>, expected: &str) -> Result<(), String> {
    if skipped() {
        return Ok(());
    }
    exited_ok(status)?;
    if out != expected {
        return Err(format!("expected exactly\n{expected}--- got\n{out}"));
    }
    Ok(())
}

/// Exact, except that the `n` lines starting at `from` may come in any order.
fn exact_but_for(
    out: &str,
    status: Option<ExitStatus>,
    expected: &str,
    from: usize,
    n: usize,
) -> Result<(), String> {
    if skipped() {
        return Ok(());
    }
    exited_ok(status)?;
    let (got, want): (Vec<&str>, Vec<&str>) = (out.lines().collect(), expected.lines().collect());
    if got.len() != want.len() {
        return Err(format!("expected {} lines, got {}", want.len(), got.len()));
    }
    let mixed = from..from + n;
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        if !mixed.contains(&i) && g != w {
            return Err(format!("line {}: expected {w:?}, got {g:?}", i + 1));
        }
    }
    same_multiset(&got[mixed.clone()], &want[mixed])
}

const AT_MOST_ONCE: &str =
    include_str!("../../../listings/ch22-a-real-broker/listing-22-01-at-most-once/output.txt");
const REDELIVERY: &str =
    include_str!("../../../listings/ch22-a-real-broker/listing-22-02-redelivery/output.txt");
const IDEMPOTENT: &str =
    include_str!("../../../listings/ch22-a-real-broker/listing-22-03-idempotent-cook/output.txt");
const BACK_PRESSURE: &str =
    include_str!("../../../listings/ch22-a-real-broker/listing-22-04-back-pressure/output.txt");

/// Listing 22-1: tickets nobody subscribed to are gone.
fn at_most_once(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exactly(out, status, AT_MOST_ONCE)
}

/// Listing 22-2: Ben cooks tickets 3 and 4 and, on its second delivery,
/// ticket 2, which Ana died holding.
fn redelivery(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exact_but_for(out, status, REDELIVERY, 6, 3)
}

/// Listing 22-3: the same, and ticket 2 is cooked once.
fn idempotent_cook(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exact_but_for(out, status, IDEMPOTENT, 8, 3)
}

/// Listing 22-4: a full stream refuses; max_ack_pending holds tickets back.
fn back_pressure(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exactly(out, status, BACK_PRESSURE)
}
