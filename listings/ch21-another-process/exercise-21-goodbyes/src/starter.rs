// ANCHOR: starter
use serde::{Deserialize, Serialize};
use std::io::{self, Read, Write};

/// What a waiter writes on the rail, one JSON line per note.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub enum Note {
    Ticket {
        waiter: u32,
        dish: String,
    },
    /// The waiter's last note: it is done and leaves on purpose.
    Goodbye {
        waiter: u32,
    },
}

/// What the chef saw during a shift.
#[derive(Debug, Default, PartialEq)]
pub struct Shift {
    /// Every ticket, as (waiter, dish), in the order the chef read them.
    pub tickets: Vec<(u32, String)>,
    /// The waiters who said goodbye, in increasing order.
    pub said_goodbye: Vec<u32>,
    /// The waiters who were started but left without a goodbye (crashed,
    /// killed...), in increasing order.
    pub vanished: Vec<u32>,
}

/// Writes `note` as one line of JSON, in one write.
pub fn send(rail: &mut impl Write, note: &Note) -> io::Result<()> {
    // TODO: serialize `note` with serde_json, add a b'\n', and write the
    // whole line with one `write_all`.
    let _ = (rail, note);
    Ok(())
}

/// Reads notes until every write end of the rail is closed. `waiters` are
/// the waiters that were started. A line that is not a note is an error.
pub fn chef(rail: impl Read, waiters: &[u32]) -> io::Result<Shift> {
    // TODO: read the rail line by line (`BufReader::lines`), turn each line
    // into a `Note` with `serde_json::from_str` (its error converts into an
    // io::Error with `?`), collect the tickets and the goodbyes, and at the
    // end of the file work out who vanished.
    let _ = (rail, waiters);
    Ok(Shift::default())
}
// ANCHOR_END: starter
