use std::sync::mpsc;

fn main() {
    let (tx, rx) = mpsc::sync_channel(1);
    tx.send(1).unwrap();
    tx.send(2).unwrap();
    println!("{:?}", rx.recv());
}
