//! Output checks for the listings of chapter 6.
//!
//! Most listings here are deterministic (one thread, or threads sequenced by
//! `join` or a rendezvous channel), so their stdout must match `output.txt`
//! exactly. Listing 6-5 has two producers whose tickets interleave freely; its
//! check states what every run guarantees instead.

use listings::*;
use std::process::ExitStatus;

pub const PROPERTIES: &[(&str, Property)] = &[("listing-06-05-producer-panics", producer_panics)];

/// Listing 6-5: the clumsy waiter panics after one ticket. The chef must still
/// get exactly the three tickets sent before the panic (each waiter's in its
/// order), the `for` loop must end (the panicking thread's Sender was dropped),
/// and `join` must report the panic while the program itself exits 0.
fn producer_panics(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    let lines: Vec<&str> = out.lines().collect();
    if lines.len() != 6 {
        return Err(format!("expected 6 lines, got {}", lines.len()));
    }
    let tickets: Vec<&str> = lines[..3]
        .iter()
        .map(|l| {
            l.strip_prefix("chef got: ")
                .ok_or_else(|| format!("expected a ticket line, got {l:?}"))
        })
        .collect::<Result<_, _>>()?;
    same_multiset(
        &tickets,
        &["steady: soup", "steady: steak", "clumsy: salad"],
    )?;
    in_order(&tickets, &["steady: soup", "steady: steak"])?;
    let closing = [
        "rail closed: no Sender is left",
        "steady waiter finished normally",
        "clumsy waiter panicked: dropped the tray carrying cake",
    ];
    if lines[3..] != closing {
        return Err(format!(
            "expected the closing lines {closing:?}, got {:?}",
            &lines[3..]
        ));
    }
    Ok(())
}
