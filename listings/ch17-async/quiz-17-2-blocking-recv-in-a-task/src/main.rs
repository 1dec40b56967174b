use tokio::sync::mpsc;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (tx, mut rx) = mpsc::channel(1);
    let sender = tokio::spawn(async move {
        tx.send("order for table 4").await.unwrap();
    });
    println!("calling blocking_recv inside the runtime");
    let order = rx.blocking_recv();
    println!("{order:?}");
    sender.await.unwrap();
}
