use std::sync::mpsc;
use std::thread;

fn main() {
    let (log, lines) = mpsc::sync_channel::<String>(8);
    let (go_tx, go_rx) = mpsc::channel::<()>();
    let writer = thread::spawn(move || {
        let _lines = lines;
        go_rx.recv().unwrap();
        panic!("the disk is full");
    });
    for n in 1..=8 {
        log.send(format!("line {n}")).unwrap();
    }
    // The channel is full: the ninth send waits for room, and the writer
    // panics instead of taking a line.
    go_tx.send(()).unwrap();
    let ninth = log.send(String::from("line 9"));
    println!("the ninth send returned {ninth:?}");
    println!(
        "the writer's join returned an Err: {}",
        writer.join().is_err()
    );
}
