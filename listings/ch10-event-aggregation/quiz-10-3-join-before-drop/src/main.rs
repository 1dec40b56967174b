use std::sync::mpsc::{self, Sender};
use std::thread;
use std::time::Duration;

enum Event {
    Key(char),
    Tick(u32),
}

// The clock of Listing 10-2: it stops only when its send fails.
fn clock(events: Sender<Event>) -> u32 {
    let mut n = 0;
    loop {
        n += 1;
        thread::sleep(Duration::from_millis(2));
        if events.send(Event::Tick(n)).is_err() {
            return n;
        }
    }
}

fn keypad(events: Sender<Event>) {
    for key in "12q34".chars() {
        thread::sleep(Duration::from_millis(3));
        if events.send(Event::Key(key)).is_err() {
            return;
        }
    }
}

fn main() {
    let (tx, rx) = mpsc::channel::<Event>();
    let clock_thread = thread::spawn({
        let tx = tx.clone();
        move || clock(tx)
    });
    let keypad_thread = thread::spawn(move || keypad(tx));

    // This loop prints the keys only: how many ticks come between them
    // varies from run to run.
    let mut ticks = 0;
    for event in &rx {
        match event {
            // The clock numbers its ticks from 1, in order.
            Event::Tick(n) => ticks = n,
            Event::Key('q') => {
                println!("key 'q': closing time");
                break;
            }
            Event::Key(key) => println!("key {key:?}"),
        }
    }
    // ANCHOR: shown
    // Join first, hang up afterwards.
    let undelivered = clock_thread.join().unwrap();
    drop(rx);
    // ANCHOR_END: shown
    keypad_thread.join().unwrap();
    println!("clock stopped: tick {undelivered} had nobody to hear it");
    println!("event loop saw {ticks} ticks before closing");
}
