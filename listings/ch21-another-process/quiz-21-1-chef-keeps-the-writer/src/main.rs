use serde::{Deserialize, Serialize};
use std::io::{self, BufRead, BufReader, Write};
use std::process::{Command, Stdio};

// What crosses between processes is bytes: the ticket says how it turns
// into bytes and back. Every field must be plain data; a reference, an
// `Arc` or a `Sender` means nothing in another process.
#[derive(Serialize, Deserialize, Debug)]
struct Ticket {
    waiter: u32,
    seq: u32,
    dish: String,
}

const MENUS: [[&str; 3]; 3] = [
    ["margherita", "calzone", "tiramisu"],
    ["lasagna", "minestrone", "panna cotta"],
    ["risotto", "focaccia", "espresso"],
];

fn main() -> io::Result<()> {
    // The same program plays both parts: `waiter N` is a waiter.
    let args: Vec<String> = std::env::args().collect();
    match &args[..] {
        [_, role, n] if role == "waiter" => waiter(n.parse().expect("a waiter number")),
        _ => chef(),
    }
}

// A waiter process: its standard output is the write end of the rail.
fn waiter(waiter: u32) -> io::Result<()> {
    let mut rail = io::stdout().lock();
    for (seq, dish) in (1..).zip(MENUS[waiter as usize - 1]) {
        let ticket = Ticket {
            waiter,
            seq,
            dish: dish.to_string(),
        };
        // One ticket, one line, one write: the kernel never mixes two
        // writes of up to 4096 bytes on a pipe, so tickets from different
        // waiters never interleave.
        let mut line = serde_json::to_vec(&ticket)?;
        line.push(b'\n');
        rail.write_all(&line)?;
        rail.flush()?;
    }
    Ok(())
    // The process ends, and the kernel closes its end of the rail.
}

fn chef() -> io::Result<()> {
    // One pipe is the rail: a write end for every waiter, one read end.
    let (rail, rail_writer) = io::pipe()?;
    let mut waiters = Vec::new();
    for n in 1..=3 {
        waiters.push(
            Command::new(std::env::current_exe()?)
                .args(["waiter", &n.to_string()])
                .stdout(Stdio::from(rail_writer.try_clone()?))
                .spawn()?,
        );
    }
    // ANCHOR: shown
    // The chef forgets `drop(rail_writer)`.
    // ANCHOR_END: shown

    let mut cooked = 0;
    for line in BufReader::new(rail).lines() {
        let ticket: Ticket = serde_json::from_str(&line?)?;
        println!(
            "chef: waiter {} ticket {}: {}",
            ticket.waiter, ticket.seq, ticket.dish
        );
        cooked += 1;
    }
    // End of file: every write end is closed, every waiter is gone.
    println!("rail closed: {cooked} tickets cooked");
    for mut waiter in waiters {
        waiter.wait()?;
    }
    Ok(())
}
