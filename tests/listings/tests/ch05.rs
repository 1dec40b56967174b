//! Output checks for the listings of chapter 5.
//!
//! Listings 5-1 to 5-3 print only from one thread and observe the other
//! threads through channels, so their output is exact. Listing 5-4 measures
//! heap bytes, which depend on the std version and the platform: its check
//! states sensible ranges instead of numbers.

use listings::*;

pub const PROPERTIES: &[(&str, Property)] = &[
    ("listing-05-04-unbounded-memory", unbounded_memory),
    (
        "listing-05-05-who-gets-the-freed-slot",
        who_gets_the_freed_slot,
    ),
];

const TICKETS: usize = 10_000;

/// The number right after `prefix` on the line that starts with it.
fn number_after(text: &str, prefix: &str) -> Result<usize, String> {
    let rest = lines_with_prefix(text, prefix)
        .into_iter()
        .next()
        .ok_or_else(|| format!("expected a line starting with {prefix:?}"))?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits
        .parse()
        .map_err(|_| format!("expected a number after {prefix:?}, got {rest:?}"))
}

/// Queued tickets cost heap memory in `channel()` (at least the 64 bytes of
/// each ticket, and not wildly more); `sync_channel(n)` pays for its n slots
/// when it is created and nothing more while it fills; the extra ticket is
/// refused.
fn unbounded_memory(out: &str, status: Option<std::process::ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    first_line_is(out, "a ticket is 64 bytes")?;

    let queued = number_after(&queued_line(out)?, "")?;
    let per_ticket = queued / TICKETS;
    if !(64..=128).contains(&per_ticket) {
        return Err(format!(
            "channel() with {TICKETS} queued tickets holds {queued} bytes, \
             {per_ticket} per ticket: expected 64..=128"
        ));
    }
    let drained = number_after(&drained_line(out)?, "")?;
    if drained * 10 > queued {
        return Err(format!(
            "after draining, channel() still holds {drained} of {queued} bytes"
        ));
    }

    let created = number_after(out, &format!("sync_channel({TICKETS}): "))?;
    let per_slot = created / TICKETS;
    if !(64..=128).contains(&per_slot) {
        return Err(format!(
            "sync_channel({TICKETS}) allocated {created} bytes when created, \
             {per_slot} per slot: expected 64..=128"
        ));
    }
    position_of(
        out,
        &format!("sync_channel({TICKETS}): 0 more bytes with {TICKETS} tickets queued"),
    )?;
    last_line_is(
        out,
        &format!(
            "sync_channel({TICKETS}): ticket {} is refused (Full): true",
            TICKETS + 1
        ),
    )
}

/// The `channel()` line about the queued tickets, from its byte count on.
fn queued_line(out: &str) -> Result<String, String> {
    channel_line(out, &format!(" bytes with {TICKETS} tickets queued"))
}

/// The `channel()` line about the drained rail, from its byte count on.
fn drained_line(out: &str) -> Result<String, String> {
    channel_line(out, &format!(" bytes after the chef took all {TICKETS}"))
}

fn channel_line(out: &str, contains: &str) -> Result<String, String> {
    lines_with_prefix(out, "channel(): ")
        .into_iter()
        .find(|rest| rest.contains(contains))
        .map(str::to_string)
        .ok_or_else(|| format!("expected a `channel(): N{contains}` line"))
}

/// Listing 5-5: which send gets the freed slot is not promised, so either
/// outcome passes; but each outcome fixes what the chef takes afterwards:
/// both tickets, newcomer's first, if the newcomer won; only the patient
/// waiter's if it did. Nothing is lost or duplicated either way.
fn who_gets_the_freed_slot(
    out: &str,
    status: Option<std::process::ExitStatus>,
) -> Result<(), String> {
    exited_ok(status)?;
    let lines: Vec<&str> = out.lines().collect();
    let newcomer = [
        "chef took: first ticket",
        "the newcomer got the freed slot",
        "chef took: newcomer's ticket",
        "chef took: patient waiter's ticket",
    ];
    let patient = [
        "chef took: first ticket",
        "the patient waiter got the freed slot",
        "chef took: patient waiter's ticket",
    ];
    if lines == newcomer || lines == patient {
        Ok(())
    } else {
        Err(format!(
            "expected either {newcomer:#?} or {patient:#?}, got {lines:#?}"
        ))
    }
}
