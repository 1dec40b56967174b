use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel::<String>();
    thread::scope(|s| {
        s.spawn(|| tx.send(String::from("ana: soup")).unwrap());
        s.spawn(|| tx.send(String::from("ben: stew")).unwrap());
    });
    drop(tx);
    for ticket in rx {
        println!("{ticket}");
    }
}
