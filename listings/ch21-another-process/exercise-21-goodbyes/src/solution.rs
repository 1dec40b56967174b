// ANCHOR: solution
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::io::{self, BufRead, BufReader, Read, Write};

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
    // Build the whole line first: written in pieces, another waiter's
    // line could land between them.
    let mut line = serde_json::to_vec(note)?;
    line.push(b'\n');
    rail.write_all(&line)?;
    rail.flush()
}

/// Reads notes until every write end of the rail is closed. `waiters` are
/// the waiters that were started. A line that is not a note is an error.
pub fn chef(rail: impl Read, waiters: &[u32]) -> io::Result<Shift> {
    let mut shift = Shift::default();
    let mut goodbyes = BTreeSet::new();
    for line in BufReader::new(rail).lines() {
        // serde_json's error becomes an io::Error of kind InvalidData.
        match serde_json::from_str(&line?)? {
            Note::Ticket { waiter, dish } => shift.tickets.push((waiter, dish)),
            Note::Goodbye { waiter } => {
                goodbyes.insert(waiter);
            }
        }
    }
    // End of file says only that every writer is gone; the goodbyes say
    // who left on purpose.
    let started: BTreeSet<u32> = waiters.iter().copied().collect();
    shift.said_goodbye = goodbyes.iter().copied().collect();
    shift.vanished = started.difference(&goodbyes).copied().collect();
    Ok(shift)
}
// ANCHOR_END: solution
