//! Output checks for the listings of chapter 14.
//!
//! Listing 14-1 prints only from the last station, and each station's closing
//! report is sent before that station closes the next rail, so its output is
//! exact: every order comes out once, in order, and the stations close front
//! to back. Listings 14-2, 14-3 and 14-4 report numbers that depend on
//! timing; the checks require the bounds that the rails' capacities
//! guarantee, and for Listing 14-4's unbounded rail only the number of orders.

use listings::*;
use std::process::ExitStatus;

pub const PROPERTIES: &[(&str, Property)] = &[
    ("listing-14-02-backpressure", backpressure),
    ("listing-14-03-closing-from-the-end", closing_from_the_end),
    ("listing-14-04-unbounded-rail", unbounded_rail),
];

/// The number on the one line that starts with `prefix`, read up to `suffix`.
fn number_between(out: &str, prefix: &str, suffix: &str) -> Result<usize, String> {
    let found = lines_with_prefix(out, prefix);
    let [rest] = found[..] else {
        return Err(format!("expected one line starting with {prefix:?}"));
    };
    rest.strip_suffix(suffix)
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("expected `{prefix}N{suffix}`, got {rest:?}"))
}

fn at_most(what: &str, value: usize, bound: usize) -> Result<(), String> {
    if value > bound {
        return Err(format!(
            "{what} was {value}, but at most {bound} is possible"
        ));
    }
    Ok(())
}

/// Listing 14-2: with rails of room 2, a station's supplier is never more
/// than 2 orders ahead of it, and the whole line never holds more than
/// 3 * 2 + 2 = 8 orders. Every order is served, in order.
fn backpressure(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    first_line_is(out, "all 20 orders served, in order")?;
    let cook = number_between(
        out,
        "cook:  take was at most ",
        " ahead (room on its rail: 2)",
    )?;
    at_most("take's lead over the cook", cook, 2)?;
    let plate = number_between(
        out,
        "plate: cook was at most ",
        " ahead (room on its rail: 2)",
    )?;
    at_most("the cook's lead over the plater", plate, 2)?;
    let line = number_between(
        out,
        "pass:  take was at most ",
        " ahead (room on the whole line: 8)",
    )?;
    at_most("take's lead over the pass", line, 8)?;
    if out.lines().count() != 4 {
        return Err(format!("expected 4 lines, got {}", out.lines().count()));
    }
    Ok(())
}

/// Listing 14-3: the pass serves 1..=5 and closes. Each station then stops
/// because the next one is gone, having passed on no more than the rails
/// behind it can hold: plate <= 5 + 2, cook <= plate + 1 + 2, and take
/// <= cook + 1 + 2, so at most 13 of the 20 orders are ever taken.
fn closing_from_the_end(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    first_line_is(out, "pass: served orders [1, 2, 3, 4, 5], then closed")?;
    let take = number_between(out, "take: the cook is gone; sent ", " of 20")?;
    let cook = number_between(out, "cook: the next station is gone; passed on ", "")?;
    let plate = number_between(out, "plate: the next station is gone; passed on ", "")?;
    if !(5 <= plate && plate <= cook && cook <= take) {
        return Err(format!(
            "expected 5 <= plate <= cook <= take, got plate {plate}, cook {cook}, take {take}"
        ));
    }
    at_most("what the plater passed on", plate, 5 + 2)?;
    at_most("what the cook passed on", cook, plate + 1 + 2)?;
    at_most("what the order taker sent", take, cook + 1 + 2)?;
    if out.lines().count() != 4 {
        return Err(format!("expected 4 lines, got {}", out.lines().count()));
    }
    Ok(())
}

/// Listing 14-4: on an unbounded rail nothing bounds the order taker's lead
/// but the number of orders. How far ahead the cook's first look finds it
/// depends on which thread starts first: usually all 20 (the order taker
/// sends them before the cook's thread gets going), sometimes 0, and then the
/// next look finds up to 19. So all a run must show is that every order was
/// cooked in order and that first <= most <= 20.
fn unbounded_rail(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    const ORDERS: usize = 20;
    exited_ok(status)?;
    first_line_is(out, "all 20 orders cooked, in order")?;
    let found = lines_with_prefix(out, "cook: take was ");
    let [rest] = found[..] else {
        return Err("expected one line starting with \"cook: take was \"".into());
    };
    let numbers = rest
        .split_once(" ahead at the first look, at most ")
        .and_then(|(first, most)| {
            let most = most.strip_suffix(" ahead")?;
            Some((first.parse::<usize>().ok()?, most.parse::<usize>().ok()?))
        });
    let Some((first, most)) = numbers else {
        return Err(format!(
            "expected `cook: take was F ahead at the first look, at most M ahead`, got {rest:?}"
        ));
    };
    if first > most {
        return Err(format!(
            "the first look ({first}) cannot be above the most ever seen ({most})"
        ));
    }
    at_most("take's lead over the cook", most, ORDERS)?;
    if out.lines().count() != 2 {
        return Err(format!("expected 2 lines, got {}", out.lines().count()));
    }
    Ok(())
}
