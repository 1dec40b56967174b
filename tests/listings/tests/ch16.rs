//! Output checks for the listings of chapter 16.
//!
//! Listings 16-1 and 16-3 receive from several threads at once, so the mix
//! varies: the checks state that every message arrives exactly once, that
//! each source's messages keep their order, and how the loop ends. Listing
//! 16-2 is deterministic (its sources finish before the loop starts).

use listings::*;
use std::process::ExitStatus;

pub const PROPERTIES: &[(&str, Property)] = &[
    (
        "listing-16-01-merge-into-one-channel",
        merge_into_one_channel,
    ),
    ("listing-16-03-never-for-closed", never_for_closed),
];

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
    each_once_in_producer_order(&all_but_last(out, 1), &[&orders[..], &pantry, &deliveries])?;
    last_line_is(out, "all sources closed")
}

/// Listing 16-3: with `never()` in place of a closed receiver, each closed
/// arm fires exactly once, after that source's last message, and the loop
/// stops once both are closed. A quiet spell may add "chef: quiet" lines.
fn never_for_closed(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    let lines: Vec<&str> = all_but_last(out, 1)
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
    each_once_in_producer_order(&lines, &[&orders[..], &notes])?;
    last_line_is(out, "both sources closed; the closed arms fired 2 times")
}
