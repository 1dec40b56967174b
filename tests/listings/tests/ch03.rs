//! Output checks for the listings of chapter 3.
//!
//! Several producers share one channel, so the interleaving varies from run
//! to run. The checks state what every run guarantees: each message arrives
//! exactly once, each producer's messages keep their order, and the closing
//! lines come last. They never require one particular interleaving.

use listings::*;
use std::process::ExitStatus;

pub const PROPERTIES: &[(&str, Property)] = &[
    ("listing-03-01-order-terminals", order_terminals),
    ("listing-03-02-sender-left-alive", sender_left_alive),
    ("listing-03-03-move-original-last", move_original_last),
    ("listing-03-04-send-happens-before", send_happens_before),
];

/// Listing 3-1: three terminals, three orders each, `drop(tx)` before the loop.
/// The `for` loop must end (the last line is printed) after all nine orders.
fn order_terminals(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    let menus = [
        ["margherita", "calzone", "tiramisu"],
        ["lasagna", "minestrone", "panna cotta"],
        ["risotto", "focaccia", "espresso"],
    ];
    let per_terminal: Vec<Vec<String>> = (1..)
        .zip(menus)
        .map(|(terminal, menu)| {
            (1..)
                .zip(menu)
                .map(|(seq, dish)| format!("chef: terminal {terminal} order {seq}: {dish}"))
                .collect()
        })
        .collect();
    each_once_in_producer_order(&all_but_last(out, 1), &per_terminal)?;
    last_line_is(out, "rail closed: 9 orders cooked")
}

/// Listing 3-2: main keeps `tx`. The chef must get all four tickets, then a
/// *timeout* (not a disconnection: the channel stays open), and only after
/// `drop(tx)` an error from `recv`.
fn sender_left_alive(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    first_line_is(
        out,
        "main: both waiters have finished and dropped their Senders",
    )?;
    let lines: Vec<&str> = out.lines().collect();
    if lines.len() != 7 {
        return Err(format!("expected 7 lines, got {}", lines.len()));
    }
    let per_waiter: Vec<Vec<String>> = (1..=2)
        .map(|w| {
            (1..=2)
                .map(|t| format!("chef: waiter {w} ticket {t}"))
                .collect()
        })
        .collect();
    each_once_in_producer_order(&lines[1..5], &per_waiter)?;
    if lines[5] != "chef: nothing for 50 ms, and the rail is still open (Timeout)" {
        return Err(format!(
            "after the four tickets the chef must time out with the rail open, got {:?}",
            lines[5]
        ));
    }
    last_line_is(
        out,
        "chef: after drop(tx), recv returns Err: the rail is closed",
    )
}

/// Listing 3-3: the original Sender moved into the last waiter; the `for` loop
/// ends by itself after all six tickets.
fn move_original_last(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    let per_waiter: Vec<Vec<String>> = [("Ana", [1, 2]), ("Ben", [3, 4]), ("Caro", [5, 6])]
        .iter()
        .map(|(name, tables)| {
            tables
                .iter()
                .map(|t| format!("chef: {name}: table {t}"))
                .collect()
        })
        .collect();
    each_once_in_producer_order(&all_but_last(out, 1), &per_waiter)?;
    last_line_is(out, "rail closed: every waiter has gone home")
}

/// Listing 3-4: everything written before the send must be seen after the
/// recv, on every run; the store made after the send may be seen or not (both
/// values are allowed, nothing else is); after `join` it must be seen.
fn send_happens_before(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    let lines: Vec<&str> = out.lines().collect();
    let fixed = [
        (0, r#"order: ["soup", "bread"]"#),
        (1, "soup of the day: 7"),
        (3, "after join: 11"),
    ];
    if lines.len() != 4 {
        return Err(format!("expected 4 lines, got {}", lines.len()));
    }
    for (i, want) in fixed {
        if lines[i] != want {
            return Err(format!(
                "line {}: expected {want:?}, got {:?}",
                i + 1,
                lines[i]
            ));
        }
    }
    let tail = " (12 or 11: the store of 11 came after the send)";
    match lines[2].strip_suffix(tail) {
        Some("tables open: 12" | "tables open: 11") => Ok(()),
        _ => Err(format!(
            "line 3: expected `tables open: 12` or `tables open: 11` before {tail:?}, got {:?}",
            lines[2]
        )),
    }
}
