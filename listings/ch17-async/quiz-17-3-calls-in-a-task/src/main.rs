use std::sync::mpsc;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (tx, rx) = mpsc::channel();
    tx.send("soup").unwrap();
    println!("Sender::send returned");
    println!("try_recv: {:?}", rx.try_recv());
    println!("try_recv: {:?}", rx.try_recv());

    let (sync_tx, _sync_rx) = mpsc::sync_channel(1);
    sync_tx.send("stew").unwrap();
    println!("SyncSender::send returned: the one slot is full now");
    sync_tx.send("pie").unwrap();
    println!("SyncSender::send returned again");
}
