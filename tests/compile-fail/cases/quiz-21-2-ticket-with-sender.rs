// Chapter 21, quiz 2: Listing 21-1's ticket, as the waiter writes it out,
// with a Sender in it so that the chef could answer.
use serde::Serialize;
use std::sync::mpsc::Sender;

#[derive(Serialize, Debug)]
struct Ticket {
    waiter: u32,
    seq: u32,
    dish: String,
    sender: Sender<u32>,
}

fn main() {}
