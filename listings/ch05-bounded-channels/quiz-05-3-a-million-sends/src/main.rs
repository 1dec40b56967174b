use std::sync::mpsc::{self, TrySendError};

fn main() {
    // ANCHOR: shown
    // Nobody receives until every send is done: a `send` that waited would
    // wait forever, and this program would never end.
    let (tx, rx) = mpsc::channel::<u32>();
    let sent = (0..1_000_000).filter(|&n| tx.send(n).is_ok()).count();
    println!("channel(): {sent} sends returned");
    println!("channel(): {} tickets wait in it", rx.try_iter().count());

    // `try_send` is the `send` that never waits: it says when `send` would.
    let (tx, rx) = mpsc::sync_channel::<u32>(100);
    let mut fitted = 0;
    let refused = loop {
        match tx.try_send(fitted) {
            Ok(()) => fitted += 1,
            Err(TrySendError::Full(n)) => break n,
            Err(TrySendError::Disconnected(_)) => unreachable!("rx is alive"),
        }
    };
    println!(
        "sync_channel(100): {fitted} tickets fit; send number {} would wait",
        refused + 1
    );
    // ANCHOR_END: shown
    drop(rx);
}
