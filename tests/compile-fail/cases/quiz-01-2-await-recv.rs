// Chapter 1, quiz 2: `recv` is a blocking method, not a future.
use std::sync::mpsc::Receiver;

async fn take_ticket(rx: Receiver<String>) -> String {
    rx.recv().await.unwrap()
}

fn main() {
    let _ = take_ticket;
}
