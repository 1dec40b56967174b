use std::sync::mpsc;

fn main() {
    let (tx, rx) = mpsc::channel();
    tx.send("table 1").unwrap();
    tx.send("table 2").unwrap();
    println!("try_iter: {}", rx.try_iter().count());
    tx.send("table 1").unwrap();
    tx.send("table 2").unwrap();
    println!("iter: {}", rx.iter().count());
}
