// ANCHOR: all
use std::error::Error;
use std::sync::mpsc::{
    self, Receiver, RecvError, RecvTimeoutError, SendError, Sender, SyncSender, TryRecvError,
    TrySendError,
};
use std::thread;

// ANCHOR: asserts
// Each function compiles only for types with the named trait, so calling it
// is a check the compiler does for us; the bodies do nothing.
fn assert_send<T: Send>() {}
fn assert_sync<T: Sync>() {}
fn assert_clone<T: Clone>() {}
// What `?` needs to box an error that may cross threads.
fn assert_boxable_error<E: Error + Send + Sync + 'static>() {}

type Ticket = String;

fn main() {
    assert_send::<Sender<Ticket>>();
    assert_sync::<Sender<Ticket>>(); // since Rust 1.72
    assert_clone::<Sender<Ticket>>();

    assert_send::<SyncSender<Ticket>>();
    assert_sync::<SyncSender<Ticket>>();
    assert_clone::<SyncSender<Ticket>>();

    // Receiver is Send only: not Sync, not Clone (see Chapter 7).
    assert_send::<Receiver<Ticket>>();

    assert_boxable_error::<SendError<Ticket>>();
    assert_boxable_error::<TrySendError<Ticket>>();
    assert_boxable_error::<RecvError>();
    assert_boxable_error::<TryRecvError>();
    assert_boxable_error::<RecvTimeoutError>();
    // ANCHOR_END: asserts

    // ANCHOR: shared-sender
    // `Sync` in action: two scoped threads borrow ONE Sender, no clone.
    let (tx, rx) = mpsc::channel::<Ticket>();
    thread::scope(|s| {
        for waiter in ["Ana", "Ben"] {
            let tx = &tx;
            s.spawn(move || tx.send(format!("ticket from {waiter}")).unwrap());
        }
    });
    drop(tx);
    let mut tickets: Vec<Ticket> = rx.iter().collect();
    // The arrival order varies; sorting makes the printout stable.
    tickets.sort();
    for ticket in tickets {
        println!("{ticket}");
    }
    // ANCHOR_END: shared-sender
    println!("all trait checks compiled");
}
// ANCHOR_END: all
