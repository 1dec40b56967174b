// A ticket that carries a Sender, so the chef could answer, cannot be
// written out as bytes for another process: a Sender is an address in this
// process's memory, and it does not implement Serialize.
use serde::Serialize;
use std::sync::mpsc::Sender;

#[derive(Serialize)]
struct Ticket {
    dish: String,
    reply: Sender<u32>,
}

fn main() {}
