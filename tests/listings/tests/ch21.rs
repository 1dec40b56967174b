//! Output checks for the listings of chapter 21.
//!
//! Three waiter processes write to one pipe at once, so how their tickets
//! mix varies from run to run. The checks require what every run
//! guarantees: each ticket arrives exactly once, whole, and each waiter's in
//! the order it wrote them; the rail closes only after the last ticket.

use listings::*;
use std::process::ExitStatus;

pub const PROPERTIES: &[(&str, Property)] = &[
    ("listing-21-01-waiters-in-processes", waiters_in_processes),
    ("listing-21-02-waiter-crashes", waiter_crashes),
];

const MENUS: [[&str; 3]; 3] = [
    ["margherita", "calzone", "tiramisu"],
    ["lasagna", "minestrone", "panna cotta"],
    ["risotto", "focaccia", "espresso"],
];

/// Every waiter's ticket lines, in its order; waiter 2 stops after `of_2`.
fn tickets(of_2: usize) -> Vec<Vec<String>> {
    (1..)
        .zip(MENUS)
        .map(|(waiter, menu)| {
            (1..)
                .zip(menu)
                .take(if waiter == 2 { of_2 } else { 3 })
                .map(|(seq, dish)| format!("chef: waiter {waiter} ticket {seq}: {dish}"))
                .collect()
        })
        .collect()
}

/// Listing 21-1: nine tickets from three processes, then the rail closes.
fn waiters_in_processes(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    each_once_in_producer_order(&all_but_last(out, 1), &tickets(3))?;
    last_line_is(out, "rail closed: 9 tickets cooked")
}

/// Listing 21-2: waiter 2 crashes after its first ticket. The chef still
/// gets that ticket and all the others, the rail closes, and only the exit
/// statuses tell the crash apart.
fn waiter_crashes(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    let lines: Vec<&str> = out.lines().collect();
    let n = lines.len();
    if n != 11 {
        return Err(format!(
            "expected 7 tickets and 4 closing lines, got {n} lines"
        ));
    }
    each_once_in_producer_order(&lines[..7], &tickets(1))?;
    let closing = [
        "rail closed: 7 tickets cooked",
        "waiter 1: finished",
        "waiter 2: crashed (killed by a signal)",
        "waiter 3: finished",
    ];
    if lines[7..] != closing {
        return Err(format!(
            "expected the closing lines {closing:?}, got {:?}",
            &lines[7..]
        ));
    }
    Ok(())
}
