//! Output checks for the listings of chapter 18.
//!
//! Listing 18-8 prints what the default panic hook wrote to its child's
//! stderr. That text is exact but for each thread's id, which the operating
//! system picks anew on every run, so the check compares everything else:
//! the thread names, the messages, and each panic's location, which must be
//! the line and column of a `panic!` in the listing's source as it is now.

use listings::*;
use std::process::ExitStatus;

pub const PROPERTIES: &[(&str, Property)] = &[("listing-18-08-panic-line", panic_line_shown)];

const PANIC_LINE_DIR: &str = "listings/ch18-pitfalls/listing-18-08-panic-line";
/// The listing's source, read when this check is built, so that the
/// locations it expects move with the code.
const PANIC_LINE_SOURCE: &str =
    include_str!("../../../listings/ch18-pitfalls/listing-18-08-panic-line/src/main.rs");
const MESSAGE: &str = "out of onions";

/// Where each `panic!("out of onions")` in the listing's source is, as the
/// panic message writes it: `FILE:LINE:COLUMN`, counted from 1.
fn panic_locations() -> Vec<String> {
    let call = format!("panic!(\"{MESSAGE}\")");
    PANIC_LINE_SOURCE
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let column = line.find(&call)? + 1;
            Some(format!("{PANIC_LINE_DIR}/src/main.rs:{}:{column}", i + 1))
        })
        .collect()
}

/// Listing 18-8: the named thread's panic, the hint about backtraces (once,
/// after the first panic), then the unnamed thread's panic.
fn panic_line_shown(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    let locations = panic_locations();
    let [chef_at, helper_at] = &locations[..] else {
        return Err(format!(
            "expected two `panic!(\"{MESSAGE}\")` calls in {PANIC_LINE_DIR}/src/main.rs, found {}",
            locations.len()
        ));
    };
    let lines: Vec<&str> = out.lines().collect();
    let [
        header,
        "",
        chef,
        chef_message,
        note,
        "",
        helper,
        helper_message,
    ] = lines[..]
    else {
        return Err(format!(
            "expected a header, then two panic messages each after an empty line \
             (8 lines), got {} lines",
            lines.len()
        ));
    };
    if header != "what the kitchen wrote to stderr:" {
        return Err(format!("unexpected first line {header:?}"));
    }
    let hint = "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace";
    if note != hint {
        return Err(format!(
            "expected {hint:?} after the first panic, got {note:?}"
        ));
    }
    for (line, message, thread, location) in [
        (chef, chef_message, "chef", chef_at),
        (helper, helper_message, "<unnamed>", helper_at),
    ] {
        let found = panic_line(line)?;
        let want = PanicLine {
            thread,
            location: location.as_str(),
        };
        if found != want {
            return Err(format!(
                "expected thread {thread:?} at {location}, got thread {:?} at {}",
                found.thread, found.location
            ));
        }
        if message != MESSAGE {
            return Err(format!("expected the message {MESSAGE:?}, got {message:?}"));
        }
    }
    Ok(())
}
