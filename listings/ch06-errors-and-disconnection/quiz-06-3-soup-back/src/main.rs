use std::sync::mpsc::{self, SendError};

fn main() {
    let (tx, rx) = mpsc::channel();
    drop(rx);
    let result = tx.send(String::from("soup"));
    if let Err(SendError(soup)) = result {
        println!("got back: {soup}");
    }
}
