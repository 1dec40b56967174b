use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

// ANCHOR: event
// One channel, one message type: each source's messages get their own
// variant, so the chef can still tell where a message came from.
enum Event {
    Order { table: u32, dish: &'static str },
    SoldOut(&'static str),
    Delivery(String),
}
// ANCHOR_END: event

// ANCHOR: supplier
// A source we cannot change: some library hands us its own Receiver.
fn supplier_deliveries() -> Receiver<String> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        for crate_of in ["tomatoes", "basil", "mozzarella"] {
            tx.send(format!("a crate of {crate_of}")).unwrap();
        }
    });
    rx
}
// ANCHOR_END: supplier

// ANCHOR: sources
fn start_sources(events: Sender<Event>) {
    // Source 1: the dining room, wrapping each order as it sends it.
    let dining_room = events.clone();
    thread::spawn(move || {
        let orders = [(4, "margherita"), (7, "lasagna"), (4, "tiramisu")];
        for (table, dish) in orders {
            dining_room.send(Event::Order { table, dish }).unwrap();
        }
    });

    // Source 2: the pantry, announcing dishes that ran out.
    let pantry = events.clone();
    thread::spawn(move || {
        for dish in ["risotto", "panna cotta"] {
            pantry.send(Event::SoldOut(dish)).unwrap();
        }
    });

    // Source 3: a Receiver from elsewhere. A small forwarding thread
    // wraps its messages and moves them onto the one channel. It takes
    // the original `events`, so no Sender is left behind in the caller.
    let deliveries = supplier_deliveries();
    thread::spawn(move || {
        for delivery in deliveries {
            events.send(Event::Delivery(delivery)).unwrap();
        }
    });
}
// ANCHOR_END: sources

fn main() {
    // ANCHOR: chef
    let (tx, rx) = mpsc::channel();
    start_sources(tx);

    // One blocking loop serves all three sources. It ends when every
    // source has finished and dropped its Sender.
    for event in rx {
        match event {
            Event::Order { table, dish } => println!("order: table {table}, {dish}"),
            Event::SoldOut(dish) => println!("sold out: {dish}"),
            Event::Delivery(what) => println!("delivery: {what}"),
        }
    }
    println!("all sources closed");
    // ANCHOR_END: chef
}
