use std::sync::mpsc;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (tx, rx) = mpsc::channel();
    let sender = tokio::spawn(async move {
        tx.send("order for table 4").unwrap();
    });
    println!("waiting in std's recv");
    let order = rx.recv();
    println!("{order:?}");
    sender.await.unwrap();
}
