// ANCHOR: all
use std::sync::mpsc::{self, SendError, Sender};

#[derive(Debug)]
struct Ticket {
    table: u32,
    dish: String,
}

impl Ticket {
    fn new(table: u32, dish: &str) -> Ticket {
        Ticket {
            table,
            dish: dish.to_string(),
        }
    }
}

// ANCHOR: place
/// Puts a ticket on the rail, or into the waiter's notebook if the rail is
/// closed, so that no order is ever lost.
fn place(tx: &Sender<Ticket>, ticket: Ticket, notebook: &mut Vec<Ticket>) {
    let table = ticket.table;
    match tx.send(ticket) {
        Ok(()) => println!("table {table}: ticket is on the rail"),
        // `SendError` is a tuple struct with a public field, so the pattern
        // can take the ticket we moved into `send` back out of the error.
        Err(SendError(ticket)) => {
            println!("table {table}: rail closed, ticket goes in the notebook");
            notebook.push(ticket);
        }
    }
}
// ANCHOR_END: place

fn main() {
    let (tx, rx) = mpsc::channel::<Ticket>();
    let mut notebook = Vec::new();

    place(&tx, Ticket::new(4, "margherita"), &mut notebook);
    let ticket = rx.recv().unwrap();
    println!("chef cooks {} for table {}", ticket.dish, ticket.table);

    // ANCHOR: close
    // The chef goes home: dropping the only Receiver closes the rail for good.
    drop(rx);

    place(&tx, Ticket::new(7, "tiramisu"), &mut notebook);
    // ANCHOR_END: close

    // ANCHOR: field
    // Without a pattern: the error displays a short reason, and `.0` is the
    // ticket itself.
    let err = tx.send(Ticket::new(9, "soup")).unwrap_err();
    println!("table 9: {err}");
    println!("table 9: got back {:?}", err.0);
    notebook.push(err.0);
    // ANCHOR_END: field

    println!("notebook holds {} tickets:", notebook.len());
    for ticket in &notebook {
        println!("  table {}: {}", ticket.table, ticket.dish);
    }
}
// ANCHOR_END: all
