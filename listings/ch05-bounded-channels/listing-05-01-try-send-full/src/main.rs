// ANCHOR: all
use std::sync::mpsc::{self, TrySendError};

fn main() {
    // ANCHOR: fill
    // A rail with room for two tickets.
    let (tx, rx) = mpsc::sync_channel(2);

    // Nobody is receiving yet. `try_send` never waits: it either puts the
    // ticket on the rail or hands it straight back.
    let mut handed_back = None;
    for table in 1..=3 {
        match tx.try_send(format!("table {table}: soup")) {
            Ok(()) => println!("try_send table {table}: Ok"),
            Err(TrySendError::Full(ticket)) => {
                println!("try_send table {table}: Full, got back {ticket:?}");
                handed_back = Some(ticket);
            }
            Err(TrySendError::Disconnected(ticket)) => {
                println!("try_send table {table}: Disconnected, got back {ticket:?}");
            }
        }
    }
    // ANCHOR_END: fill

    // ANCHOR: room
    // Taking one ticket off makes room for exactly one more, so the ticket
    // that bounced can go on now. Nothing was lost: `Full` gave it back.
    println!("chef: took {:?}", rx.recv().unwrap());
    let ticket = handed_back.expect("the third try_send was Full");
    println!("try_send again: {:?}", tx.try_send(ticket));
    // ANCHOR_END: room

    // ANCHOR: closed
    // With the Receiver gone, no ticket can ever be taken: `Disconnected`,
    // and again the value comes back.
    drop(rx);
    match tx.try_send(String::from("table 4: soup")) {
        Err(TrySendError::Disconnected(ticket)) => {
            println!("after drop(rx): Disconnected, got back {ticket:?}");
        }
        other => println!("after drop(rx): unexpected {other:?}"),
    }
    // ANCHOR_END: closed
}
// ANCHOR_END: all
