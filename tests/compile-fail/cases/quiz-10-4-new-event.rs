// Chapter 10, quiz 4: Listing 10-1's `Event` with a `Reservation` variant the
// event loop's `match` does not handle.
use std::sync::mpsc;
use std::thread;

enum Event {
    Key(char),
    Tick(u32),
    Delivery { id: u32, dish: String },
    Reservation(u32),
}

fn main() {
    let (tx, rx) = mpsc::channel::<Event>();
    let host = thread::spawn(move || {
        tx.send(Event::Key('4')).unwrap();
        tx.send(Event::Reservation(4)).unwrap();
    });
    for event in rx {
        match event {
            Event::Key(key) => println!("key {key:?}"),
            Event::Tick(n) => println!("tick {n}"),
            Event::Delivery { id, dish } => println!("delivery {id}: {dish}"),
        }
    }
    host.join().unwrap();
}
