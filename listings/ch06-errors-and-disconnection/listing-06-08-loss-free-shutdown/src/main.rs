// ANCHOR: all
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

// ANCHOR: waiter
/// Sends tables 1 to 5, pausing after table 3 until `go` says carry on.
/// Returns the tables whose `send` returned `Ok`.
fn waiter(tx: Sender<u32>, three_sent: Sender<()>, go: Receiver<()>) -> Vec<u32> {
    let mut accepted = Vec::new();
    for table in 1..=5 {
        if table == 4 {
            // The pause pins down one interleaving a real program meets by
            // chance: tables 4 and 5 come after the chef has drained.
            three_sent.send(()).unwrap();
            go.recv().unwrap();
        }
        if tx.send(table).is_ok() {
            accepted.push(table);
        }
    }
    accepted
}
// ANCHOR_END: waiter

fn main() {
    // ANCHOR: drain_first
    println!("drain, then stop the waiter, then drop the receiver:");
    let (tx, rx) = mpsc::channel();
    let (three_sent_tx, three_sent) = mpsc::channel();
    let (go, go_rx) = mpsc::channel();
    let waiter_thread = thread::spawn(move || waiter(tx, three_sent_tx, go_rx));

    three_sent.recv().unwrap();
    let drained: Vec<u32> = rx.try_iter().collect();
    println!("  drained {drained:?}");
    go.send(()).unwrap();
    let accepted = waiter_thread.join().unwrap();
    // BUG: the waiter's Sender lived on after the drain, and what it sent
    // then is still on the channel.
    drop(rx);
    println!("  the waiter's sends returned Ok for {accepted:?}");
    let lost = accepted.len() - drained.len();
    println!("  received {drained:?}: {lost} sent with Ok and lost");
    // ANCHOR_END: drain_first

    // ANCHOR: senders_first
    println!(
        "receive until disconnected, which comes once the waiter has dropped the only Sender:"
    );
    let (tx, rx) = mpsc::channel();
    let (three_sent_tx, three_sent) = mpsc::channel();
    let (go, go_rx) = mpsc::channel();
    // The waiter's `tx` is the only Sender: `main` keeps none.
    let waiter_thread = thread::spawn(move || waiter(tx, three_sent_tx, go_rx));

    three_sent.recv().unwrap();
    go.send(()).unwrap();
    // `iter` ends only when every Sender is gone and the channel is empty.
    let received: Vec<u32> = rx.iter().collect();
    let accepted = waiter_thread.join().unwrap();
    println!("  the waiter's sends returned Ok for {accepted:?}");
    let lost = accepted.len() - received.len();
    println!("  received {received:?}: {lost} lost");
    // ANCHOR_END: senders_first
}
// ANCHOR_END: all
