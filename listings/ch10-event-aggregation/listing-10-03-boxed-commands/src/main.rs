use std::sync::mpsc::{self, Sender};
use std::thread;

// ANCHOR: trait
/// The state the event loop owns.
#[derive(Default)]
struct FrontOfHouse {
    seated: u32,
    points: u32,
    log: Vec<String>,
}

/// Any message that knows how to change the state. New kinds of message
/// are new types: the event loop never needs to change.
trait Command {
    fn apply(&self, house: &mut FrontOfHouse);
}

// The channel carries trait objects. `+ Send` is needed to move them
// between threads.
type BoxedCommand = Box<dyn Command + Send>;
// ANCHOR_END: trait

// ANCHOR: commands
// Written by the reservations team...
struct Seat {
    party: u32,
}

impl Command for Seat {
    fn apply(&self, house: &mut FrontOfHouse) {
        house.seated += self.party;
        house.log.push(format!("seat party of {}", self.party));
    }
}

// ...and by the loyalty-program team, who never touch the event loop.
struct AddPoints {
    guest: &'static str,
    points: u32,
}

impl Command for AddPoints {
    fn apply(&self, house: &mut FrontOfHouse) {
        house.points += self.points;
        house
            .log
            .push(format!("{} +{} points", self.guest, self.points));
    }
}
// ANCHOR_END: commands

// ANCHOR: sources
fn reservations(commands: Sender<BoxedCommand>) {
    for party in [2, 4, 3] {
        commands.send(Box::new(Seat { party })).unwrap();
    }
}

fn loyalty(commands: Sender<BoxedCommand>) {
    for (guest, points) in [("Ana", 10), ("Ben", 25), ("Caro", 5)] {
        commands
            .send(Box::new(AddPoints { guest, points }))
            .unwrap();
    }
}
// ANCHOR_END: sources

// ANCHOR: main
fn main() {
    let (tx, rx) = mpsc::channel::<BoxedCommand>();
    let plugins = [
        thread::spawn({
            let tx = tx.clone();
            move || reservations(tx)
        }),
        thread::spawn(move || loyalty(tx)),
    ];

    let mut house = FrontOfHouse::default();
    for command in rx {
        // Dynamic dispatch: the loop does not know, or care, which type it got.
        command.apply(&mut house);
    }
    for plugin in plugins {
        plugin.join().unwrap();
    }

    for line in &house.log {
        println!("{line}");
    }
    println!(
        "{} guests seated, {} points given",
        house.seated, house.points
    );
}
// ANCHOR_END: main
