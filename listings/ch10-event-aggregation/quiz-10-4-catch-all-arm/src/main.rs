use std::sync::mpsc;
use std::thread;

#[expect(dead_code, reason = "the catch-all arm never reads a reservation")]
enum Event {
    Key(char),
    Tick(u32),
    Reservation(u32),
}

fn main() {
    let (tx, rx) = mpsc::channel::<Event>();
    let host = thread::spawn(move || {
        tx.send(Event::Key('4')).unwrap();
        tx.send(Event::Reservation(4)).unwrap();
        tx.send(Event::Tick(1)).unwrap();
    });
    for event in rx {
        match event {
            Event::Key(key) => println!("key {key:?}"),
            Event::Tick(n) => println!("tick {n}"),
            _ => {}
        }
    }
    host.join().unwrap();
    println!("event loop done");
}
