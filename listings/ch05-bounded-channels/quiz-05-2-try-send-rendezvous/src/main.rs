use std::sync::mpsc;

fn main() {
    let (tx, _rx) = mpsc::sync_channel(0);
    let result = tx.try_send(5);
    println!("{result:?}");
    if let Err(mpsc::TrySendError::Full(value)) = result {
        println!("the value inside the error: {value}");
    }
}
