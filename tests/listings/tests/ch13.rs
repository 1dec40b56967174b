//! Output checks for the listings of chapter 13.
//!
//! In Listing 13-1 four waiters race for the window table, so who gets it
//! varies; the check requires exactly one winner, the other three refused
//! with that winner's name, and the final book to agree. Everything else the
//! desk answers is deterministic. Listings 13-2 and 13-3 print from threads
//! whose order is fixed by the requests and replies, so their output is exact.

use listings::*;
use std::process::ExitStatus;

pub const PROPERTIES: &[(&str, Property)] = &[("listing-13-01-booking-desk", booking_desk)];

/// Listing 13-1: every waiter gets its own table; exactly one gets table 6
/// and the other three are told who has it; the later requests and the final
/// book are exact, with the window table belonging to the winner.
fn booking_desk(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    let guests = ["Ana", "Ben", "Cara", "Dev"];
    let winners: Vec<&str> = guests
        .iter()
        .copied()
        .filter(|g| out.lines().any(|l| l == format!("{g} books table 6: done")))
        .collect();
    let [winner] = winners[..] else {
        return Err(format!(
            "expected exactly one guest to get table 6, got {winners:?}"
        ));
    };
    let mut expected = Vec::new();
    for (table, guest) in (1..).zip(guests) {
        expected.push(format!("{guest} books table {table}: done"));
        if guest == winner {
            expected.push(format!("{guest} books table 6: done"));
        } else {
            expected.push(format!("{guest} books table 6: refused, {winner} has it"));
        }
    }
    expected.extend(
        [
            "Ben cancels table 2: done",
            "Ana cancels table 3: refused, not your table",
            "Eve books table 9: refused, no such table",
            "free tables: [2, 5]",
            "final: table 1: Ana",
            "final: table 2: free",
            "final: table 3: Cara",
            "final: table 4: Dev",
            "final: table 5: free",
        ]
        .map(String::from),
    );
    expected.push(format!("final: table 6: {winner}"));
    let got: Vec<&str> = out.lines().collect();
    if got != expected {
        return Err(format!("expected\n{}\ngot\n{out}", expected.join("\n")));
    }
    Ok(())
}
