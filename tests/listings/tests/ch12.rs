//! Output checks for the listings of chapter 12.
//!
//! The workers finish in an order that varies from run to run, so the lines
//! that report arrivals may come in any order. The checks require every chunk
//! exactly once, with the right numbers, and then the exact combined answer,
//! which must equal the sequential one.

use listings::*;
use std::process::ExitStatus;

pub const PROPERTIES: &[(&str, Property)] = &[
    ("listing-12-01-count-primes", count_primes),
    ("listing-12-02-stitch-in-order", stitch_in_order),
];

/// The primes up to `limit`, by a sieve (not the listing's trial division).
fn sieve(limit: usize) -> Vec<bool> {
    let mut prime = vec![true; limit + 1];
    prime[0] = false;
    prime[1] = false;
    let mut p = 2;
    while p * p <= limit {
        if prime[p] {
            for m in (p * p..=limit).step_by(p) {
                prime[m] = false;
            }
        }
        p += 1;
    }
    prime
}

/// Listing 12-1: four chunks of 1..=100000, each reported once with its own
/// prime count (in any order), then the total 9592 from both computations.
fn count_primes(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    let prime = sieve(100_000);
    let expected: Vec<String> = (0..4)
        .map(|chunk| {
            let (first, last) = (chunk * 25_000 + 1, (chunk + 1) * 25_000);
            let count = (first..=last).filter(|&n| prime[n]).count();
            format!("chunk {chunk} ({first}..={last}): {count} primes")
        })
        .collect();
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    let lines: Vec<&str> = out.lines().collect();
    if lines.len() != 7 {
        return Err(format!("expected 7 lines, got {}", lines.len()));
    }
    same_multiset(&lines[..4], &expected)?;
    let total = prime.iter().filter(|&&p| p).count();
    let tail = [
        format!("parallel:   {total} primes up to 100000"),
        format!("sequential: {total} primes up to 100000"),
        "match: true".to_string(),
    ];
    for (got, want) in lines[4..].iter().zip(&tail) {
        if got != want {
            return Err(format!("expected {want:?}, got {got:?}"));
        }
    }
    Ok(())
}

/// Listing 12-2: the chunks arrive in some order (a permutation of 0..4), and
/// the stitched bills are the sequential ones: same first and last order,
/// same count, same total, same order.
fn stitch_in_order(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    let arrival = lines_with_prefix(out, "chunks arrived in this order: ");
    let [arrival] = arrival[..] else {
        return Err("expected one `chunks arrived in this order:` line".into());
    };
    let chunks: Vec<&str> = arrival.split(", ").collect();
    same_multiset(&chunks, &["0", "1", "2", "3"])?;

    // The log and the bills, computed here from the menu directly.
    let menu = [
        ("soup", 450),
        ("bread", 250),
        ("pasta", 1200),
        ("salad", 800),
        ("cake", 600),
    ];
    let order = |i: usize| -> (String, u32) {
        let dishes: Vec<(&str, u32)> = (0..1 + i % 3).map(|k| menu[(i * 7 + k * 3) % 5]).collect();
        let names: Vec<&str> = dishes.iter().map(|d| d.0).collect();
        let line = format!("table {}: {}", 1 + i % 12, names.join(", "));
        (line, dishes.iter().map(|d| d.1).sum())
    };
    let cents = |c: u32| format!("${}.{:02}", c / 100, c % 100);
    let total: u32 = (0..1000).map(|i| order(i).1).sum();
    let (first, first_bill) = order(0);
    let (last, last_bill) = order(999);
    let expected = [
        format!("chunks arrived in this order: {arrival}"),
        format!("first order: {first} = {}", cents(first_bill)),
        format!("last order:  {last} = {}", cents(last_bill)),
        format!("parallel:   1000 bills, {} in total", cents(total)),
        format!("sequential: 1000 bills, {} in total", cents(total)),
        "same bills in the same order: true".to_string(),
    ]
    .join("\n");
    if out.trim_end() != expected {
        return Err(format!("expected\n{expected}\ngot\n{out}"));
    }
    Ok(())
}
