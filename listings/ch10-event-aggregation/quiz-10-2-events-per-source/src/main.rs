use std::sync::mpsc::{self, Sender};
use std::thread;
use std::time::Duration;
// Everything the front of house can hear about, in one type. Each source
// sends its own variant; the event loop matches on all of them.
enum Event {
    /// A key pressed on the host stand's keypad.
    Key(char),
    /// The kitchen clock ticked.
    Tick(u32),
    /// An order from the delivery app (our stand-in for the network).
    Delivery { id: u32, dish: String },
}

// ANCHOR: shown
fn keypad(events: Sender<Event>) {
    for key in "4 pax".chars() {
        events.send(Event::Key(key)).unwrap();
    }
}

fn clock(events: Sender<Event>) {
    for n in 1..=3 {
        // A few milliseconds only make the ticks look like ticks.
        thread::sleep(Duration::from_millis(5));
        events.send(Event::Tick(n)).unwrap();
    }
}

fn delivery_app(events: Sender<Event>) {
    for (id, dish) in [(101, "ramen"), (102, "gyoza"), (103, "mochi")] {
        let dish = dish.to_string();
        events.send(Event::Delivery { id, dish }).unwrap();
    }
}
// ANCHOR_END: shown
fn main() {
    let (tx, rx) = mpsc::channel::<Event>();
    let sources = [
        thread::spawn({
            let tx = tx.clone();
            move || keypad(tx)
        }),
        thread::spawn({
            let tx = tx.clone();
            move || clock(tx)
        }),
        // The last source gets the original Sender, so main keeps none.
        thread::spawn(move || delivery_app(tx)),
    ];

    // The event loop: one thread owns all the state, so it needs no locks.
    let mut typed = String::new();
    let mut ticks = 0;
    let mut deliveries = 0;
    for event in rx {
        match event {
            Event::Key(key) => {
                typed.push(key);
                println!("key {key:?}");
            }
            Event::Tick(n) => {
                ticks += 1;
                println!("tick {n}");
            }
            Event::Delivery { id, dish } => {
                deliveries += 1;
                println!("delivery {id}: {dish}");
            }
        }
    }
    // The loop ends only when every source has finished and dropped its
    // Sender, and every event they sent has been handled.
    for source in sources {
        source.join().unwrap();
    }
    println!("all sources gone: {ticks} ticks, {deliveries} deliveries, keypad typed {typed:?}");
}
