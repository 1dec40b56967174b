// ANCHOR: all
use serde::{Deserialize, Serialize};
use std::io::{self, BufRead, BufReader, Write};
use std::process::{Command, Stdio};

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
    let args: Vec<String> = std::env::args().collect();
    if let [_, role, n] = &args[..]
        && role == "waiter"
    {
        return waiter(n.parse().expect("a waiter number"));
    }
    chef()
}

// ANCHOR: waiter
fn waiter(waiter: u32) -> io::Result<()> {
    let mut rail = io::stdout().lock();
    for (seq, dish) in (1..).zip(MENUS[waiter as usize - 1]) {
        if waiter == 2 && seq == 2 {
            // Waiter 2 crashes after its first ticket, as a process does on
            // a segfault or when the kernel kills it: no unwinding, no
            // destructors, no goodbye.
            std::process::abort();
        }
        let ticket = Ticket {
            waiter,
            seq,
            dish: dish.to_string(),
        };
        let mut line = serde_json::to_vec(&ticket)?;
        line.push(b'\n');
        rail.write_all(&line)?;
        rail.flush()?;
    }
    Ok(())
}
// ANCHOR_END: waiter

fn chef() -> io::Result<()> {
    let (rail, rail_writer) = io::pipe()?;
    let mut waiters = Vec::new();
    for n in 1..=3 {
        let child = Command::new(std::env::current_exe()?)
            .args(["waiter", &n.to_string()])
            .stdout(Stdio::from(rail_writer.try_clone()?))
            .spawn()?;
        waiters.push((n, child));
    }
    drop(rail_writer);

    // ANCHOR: chef
    let mut cooked = 0;
    for line in BufReader::new(rail).lines() {
        let ticket: Ticket = serde_json::from_str(&line?)?;
        println!(
            "chef: waiter {} ticket {}: {}",
            ticket.waiter, ticket.seq, ticket.dish
        );
        cooked += 1;
    }
    // The rail closes the same way whether a waiter finished or crashed.
    println!("rail closed: {cooked} tickets cooked");
    // Only the waiters' exit statuses tell the two apart.
    for (n, mut child) in waiters {
        let status = child.wait()?;
        match status.code() {
            Some(0) => println!("waiter {n}: finished"),
            Some(code) => println!("waiter {n}: failed with exit code {code}"),
            None => println!("waiter {n}: crashed (killed by a signal)"),
        }
    }
    // ANCHOR_END: chef
    Ok(())
}
// ANCHOR_END: all
