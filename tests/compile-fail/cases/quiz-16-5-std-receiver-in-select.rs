// Chapter 16, quiz 5: a std `Receiver` in a crossbeam `select!` arm.
use crossbeam_channel::select;
use std::sync::mpsc;

fn main() {
    let (tx, rx) = mpsc::channel::<String>();
    let (_notes_tx, notes) = crossbeam_channel::unbounded::<String>();
    tx.send(String::from("order")).unwrap();
    select! {
        recv(rx) -> order => println!("{order:?}"),
        recv(notes) -> note => println!("{note:?}"),
    }
}
