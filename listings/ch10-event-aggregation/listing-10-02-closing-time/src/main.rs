use std::sync::mpsc::{self, Sender};
use std::thread;
use std::time::Duration;

enum Event {
    Key(char),
    Tick(u32),
}

// ANCHOR: clock
// A clock never runs out of ticks: it stops only when nobody is listening.
// It returns the tick it could not deliver.
fn clock(events: Sender<Event>) -> u32 {
    let mut n = 0;
    loop {
        n += 1;
        thread::sleep(Duration::from_millis(2));
        if events.send(Event::Tick(n)).is_err() {
            // The event loop dropped its Receiver: this is our signal to stop,
            // not a bug, so no unwrap here.
            return n;
        }
    }
}
// ANCHOR_END: clock

fn keypad(events: Sender<Event>) {
    // The host types a table number, then `q` to close for the night. Some
    // keys may come after the loop has stopped listening: those sends fail,
    // and the keypad just stops.
    for key in "12q34".chars() {
        // A human types slowly; a few milliseconds let the clock tick.
        thread::sleep(Duration::from_millis(3));
        if events.send(Event::Key(key)).is_err() {
            return;
        }
    }
}

// ANCHOR: main
fn main() {
    let (tx, rx) = mpsc::channel::<Event>();
    let clock_thread = thread::spawn({
        let tx = tx.clone();
        move || clock(tx)
    });
    let keypad_thread = thread::spawn(move || keypad(tx));

    let mut ticks = 0;
    for event in &rx {
        match event {
            Event::Tick(n) => {
                ticks += 1;
                println!("tick {n}");
            }
            Event::Key('q') => {
                println!("key 'q': closing time");
                break;
            }
            Event::Key(key) => println!("key {key:?}"),
        }
    }
    // The clock would tick forever, so the loop above did not end by
    // itself: we left it. Now hang up, so that the clock's next send fails.
    // Joining the clock while `rx` is still alive would wait forever.
    drop(rx);

    let undelivered = clock_thread.join().unwrap();
    keypad_thread.join().unwrap();
    println!("clock stopped: tick {undelivered} had nobody to hear it");
    println!("event loop saw {ticks} ticks before closing");
}
// ANCHOR_END: main
