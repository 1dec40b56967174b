use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel();

    // Ana and Ben each get a clone; the original stays in main.
    // ANCHOR: shown
    let ana_tx = tx.clone();
    let ana = thread::spawn(move || {
        ana_tx.send("soup from Ana").unwrap();
    });
    let ben_tx = tx.clone();
    let ben = thread::spawn(move || {
        ben_tx.send("stew from Ben").unwrap();
    });

    // The chef's loop, as in Listing 7-6.
    for ticket in rx {
        println!("chef cooks {ticket}");
    }
    ana.join().unwrap();
    ben.join().unwrap();
    println!("kitchen closed");
    // ANCHOR_END: shown
}
