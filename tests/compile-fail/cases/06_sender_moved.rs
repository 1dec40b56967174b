use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel();

    let ana = thread::spawn(move || {
        tx.send("soup from Ana").unwrap();
    });
    let ben = thread::spawn(move || {
        tx.send("stew from Ben").unwrap();
    });

    for ticket in rx {
        println!("chef cooks {ticket}");
    }
    ana.join().unwrap();
    ben.join().unwrap();
}
