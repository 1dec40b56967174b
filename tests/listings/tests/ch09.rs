//! Output checks for the listings of chapter 9.
//!
//! Listing 9-1 spreads orders over three cooks, so which cook serves which
//! table varies: its check states that every table is served exactly once,
//! by some cook, and that each cook's reported count matches its plates.
//! Listings 9-2 and 9-3 print only what every run guarantees, so their
//! output is exact. Listing 9-2 is the proof for ERRATA 12: the fixed pool
//! has both jobs running at once (a job cannot end before main releases it),
//! the `while let` pool never more than one.

use listings::*;
use std::process::ExitStatus;

pub const PROPERTIES: &[(&str, Property)] =
    &[("listing-09-01-cooks-share-the-rail", cooks_share_the_rail)];

const COOKS: usize = 3;
const TABLES: u32 = 8;

/// Listing 9-1: 8 plate lines (any cook, any order), then one "went home"
/// line per cook in cook order whose count matches that cook's plates, then
/// the closing line.
fn cooks_share_the_rail(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    let lines: Vec<&str> = out.lines().collect();
    let expected_len = TABLES as usize + COOKS + 1;
    if lines.len() != expected_len {
        return Err(format!(
            "expected {expected_len} lines, got {}",
            lines.len()
        ));
    }
    let (plates, rest) = lines.split_at(TABLES as usize);

    // Every table is served exactly once with its dish, by one of the cooks.
    let menu = ["soup", "risotto", "steak", "salad"];
    let mut served = Vec::new();
    let mut per_cook = [0usize; COOKS + 1];
    for plate in plates {
        let rest = plate
            .strip_prefix("cook ")
            .ok_or_else(|| format!("expected a plate line, got {plate:?}"))?;
        let (cook, table) = rest
            .split_once(": ")
            .ok_or_else(|| format!("malformed plate line {plate:?}"))?;
        let cook: usize = cook
            .parse()
            .ok()
            .filter(|c| (1..=COOKS).contains(c))
            .ok_or_else(|| format!("no such cook in {plate:?}"))?;
        per_cook[cook] += 1;
        served.push(table);
    }
    let expected: Vec<String> = (1..=TABLES)
        .zip(menu.iter().cycle())
        .map(|(table, dish)| format!("table {table} {dish}"))
        .collect();
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    same_multiset(&served, &expected)?;

    for (id, line) in (1..=COOKS).zip(rest) {
        let want = format!("cook {id} went home; orders cooked: {}", per_cook[id]);
        if *line != want {
            return Err(format!("expected {want:?}, got {line:?}"));
        }
    }
    last_line_is(out, &format!("kitchen closed: {TABLES} plates served"))
}
