// ANCHOR: all
use std::sync::mpsc::{self, SendError, TryRecvError, TrySendError};

fn main() {
    // ANCHOR: send_errors
    let (tx, rx) = mpsc::sync_channel(1);
    tx.send(String::from("soup")).unwrap();

    // The rail is full: `try_send` gives the ticket back inside `Full`.
    let full = tx.try_send(String::from("pie")).unwrap_err();
    println!("Debug:   {full:?}");
    println!("Display: {full}");
    if let TrySendError::Full(ticket) = full {
        println!("got back: {ticket}");
    }

    drop(rx);
    // The receiver is gone: `send` gives the ticket back in field 0.
    let closed: SendError<String> = tx.send(String::from("steak")).unwrap_err();
    println!("Debug:   {closed:?}");
    println!("Display: {closed}");
    let SendError(ticket) = closed;
    println!("got back: {ticket}");

    // `TrySendError` has `Disconnected` as well; match both arms to get the
    // value back whichever it is.
    let ticket = match tx.try_send(String::from("tea")) {
        Ok(()) => unreachable!("nobody can receive"),
        Err(TrySendError::Full(t) | TrySendError::Disconnected(t)) => t,
    };
    println!("got back: {ticket}");
    // ANCHOR_END: send_errors

    // ANCHOR: recv_errors
    // The receive errors carry no message: there is none to give back.
    let (tx, rx) = mpsc::channel::<String>();
    println!("{:?}", rx.try_recv());
    drop(tx);
    println!("{:?}", rx.try_recv());
    println!("{:?}", rx.recv());
    println!("{:?}", rx.recv_timeout(std::time::Duration::ZERO));
    assert_eq!(rx.try_recv(), Err(TryRecvError::Disconnected));
    // ANCHOR_END: recv_errors
}
// ANCHOR_END: all
