//! Output checks for the listings of chapter 16.
//!
//! Listings 16-1 and 16-3 receive from several threads at once, so the mix
//! varies: the checks state that every message arrives exactly once, that
//! each source's messages keep their order, and how the loop ends. Listing
//! 16-2 is deterministic (its sources finish before the loop starts).

#[allow(unused_imports)]
use listing_tests::*;
use std::process::ExitStatus;

pub const LISTINGS: &[Listing] = &[
    Listing {
        package: "listing-16-01-merge-into-one-channel",
        check: Check::Holds(merge_into_one_channel),
    },
    // The trap: a disconnected receiver is ready on every turn of select!,
    // so in 1000 turns the closed arm fires 997 times and the timeout never.
    Listing {
        package: "listing-16-02-closed-channel-always-ready",
        check: Check::Exact,
    },
    Listing {
        package: "listing-16-03-never-for-closed",
        check: Check::Holds(never_for_closed),
    },
];

/// Every line of `text` except the last one.
fn all_but_last(text: &str) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().collect();
    lines[..lines.len().saturating_sub(1)].to_vec()
}

/// `messages` holds exactly the items of `per_source` (any interleaving), and
/// each source's items appear in the order that source sent them.
fn fifo_per_source(messages: &[&str], per_source: &[&[&str]]) -> Result<(), String> {
    let expected: Vec<&str> = per_source.iter().flat_map(|s| s.iter().copied()).collect();
    same_multiset(messages, &expected)?;
    for sent in per_source {
        in_order(messages, sent)?;
    }
    Ok(())
}

/// Listing 16-1: three sources (two wrapping at the source, one forwarded
/// from its own Receiver) share one channel; the `for` loop ends by itself.
fn merge_into_one_channel(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    let orders = [
        "order: table 4, margherita",
        "order: table 7, lasagna",
        "order: table 4, tiramisu",
    ];
    let pantry = ["sold out: risotto", "sold out: panna cotta"];
    let deliveries = [
        "delivery: a crate of tomatoes",
        "delivery: a crate of basil",
        "delivery: a crate of mozzarella",
    ];
    fifo_per_source(&all_but_last(out), &[&orders, &pantry, &deliveries])?;
    last_line_is(out, "all sources closed")
}

/// Listing 16-3: with `never()` in place of a closed receiver, each closed
/// arm fires exactly once, after that source's last message, and the loop
/// stops once both are closed. A quiet spell may add "chef: quiet" lines.
fn never_for_closed(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    let lines: Vec<&str> = all_but_last(out)
        .into_iter()
        .filter(|l| *l != "chef: quiet for 200 ms")
        .collect();
    let orders = [
        "order: margherita",
        "order: lasagna",
        "order: tiramisu",
        "orders: closed",
    ];
    let notes = [
        "manager: table 7 is a birthday",
        "manager: we are out of basil",
        "manager: closed",
    ];
    fifo_per_source(&lines, &[&orders, &notes])?;
    last_line_is(out, "both sources closed; the closed arms fired 2 times")
}
