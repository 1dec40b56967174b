use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel();
    let mut producers = Vec::new();
    for id in 1..=3 {
        let tx = tx.clone();
        producers.push(thread::spawn(move || {
            for n in 1..=10 {
                if id == 2 && n == 6 {
                    panic!("producer 2 fails halfway");
                }
                tx.send((id, n)).unwrap();
            }
        }));
    }
    drop(tx);
    let received = rx.iter().count();
    println!("the loop ended after {received} tickets");
    for (id, producer) in (1..).zip(producers) {
        let outcome = match producer.join() {
            Ok(()) => "finished",
            Err(_) => "panicked",
        };
        println!("producer {id}: {outcome}");
    }
}
