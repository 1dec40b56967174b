use std::sync::mpsc;

fn main() {
    let (tx, rx) = mpsc::sync_channel(2);
    for ticket in 1..=3 {
        tx.send(ticket).unwrap();
        println!("send {ticket} returned");
    }
    println!("{:?}", rx.recv());
}
