use std::sync::mpsc;

fn main() {
    let (tx, rx) = mpsc::channel();
    for table in [1, 2, 3] {
        tx.send(table).unwrap();
    }
    println!("{}", rx.try_iter().count());
    println!("the Sender is still alive: {}", tx.send(4).is_ok());
}
