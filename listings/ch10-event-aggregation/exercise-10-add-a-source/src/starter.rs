// ANCHOR: starter
use std::sync::mpsc::{self, Sender};
use std::thread;

enum Event {
    Key(char),
    Tick(u32),
}

/// Everything the event loop handled, per source, in the order it handled it.
#[derive(Debug, Default, PartialEq)]
pub struct Handled {
    pub keys: String,
    pub ticks: Vec<u32>,
    pub orders: Vec<u32>,
}

// Each source stops quietly when its `send` fails: the loop has stopped
// listening, which is not an error.
fn keypad(events: Sender<Event>, keys: String) {
    for key in keys.chars() {
        if events.send(Event::Key(key)).is_err() {
            return;
        }
    }
}

fn clock(events: Sender<Event>, ticks: u32) {
    for n in 1..=ticks {
        if events.send(Event::Tick(n)).is_err() {
            return;
        }
    }
}

/// Runs the front of house: a keypad thread types `keys`, a clock thread
/// ticks `ticks` times (Tick 1, 2, ...), and a delivery-app thread sends one
/// order per table number in `orders`. One event loop handles all their
/// events, until every source is done or the key `q` is pressed (the `q`
/// itself is not recorded). Returns after every source thread has ended.
pub fn front_of_house(keys: &str, ticks: u32, orders: Vec<u32>) -> Handled {
    let (tx, rx) = mpsc::channel::<Event>();
    let keypad_thread = thread::spawn({
        let tx = tx.clone();
        let keys = keys.to_string();
        move || keypad(tx, keys)
    });
    // TODO: add a third source, the delivery app, which sends each table
    // number in `orders` as an event of its own.
    let _ = orders;
    let clock_thread = thread::spawn(move || clock(tx, ticks));

    let mut handled = Handled::default();
    for event in &rx {
        match event {
            // TODO: stop at `q`.
            Event::Key(key) => handled.keys.push(key),
            Event::Tick(n) => handled.ticks.push(n),
        }
    }
    // Hang up before joining, so that sources still sending stop.
    drop(rx);
    keypad_thread.join().unwrap();
    clock_thread.join().unwrap();
    handled
}
// ANCHOR_END: starter
