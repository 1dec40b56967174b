use crossbeam_channel::unbounded;
use exercise_16_stop_when_closed::{Heard, listen};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

/// Runs `f` on a thread of its own and waits at most 5 s for it, so a loop
/// that never ends fails the test instead of hanging it.
fn within_5s<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || done_tx.send(f()).unwrap());
    match done_rx.recv_timeout(Duration::from_secs(5)) {
        Ok(value) => value,
        Err(RecvTimeoutError::Timeout) => panic!(
            "`listen` did not return within 5 s after both channels closed: \
             does the loop stop when both are closed?"
        ),
        Err(RecvTimeoutError::Disconnected) => panic!("`listen` panicked (see its message above)"),
    }
}

fn notes(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("note {i}")).collect()
}

/// One turn per message, plus one per channel for the turn that finds it
/// closed. Any more, and the loop went round for a closed channel again.
fn assert_turns(heard: &Heard) {
    let expected = heard.orders.len() + heard.notes.len() + 2;
    assert_eq!(
        heard.turns,
        expected,
        "{} messages and 2 channels closing take {expected} turns; more means \
         a closed channel's arm fired again",
        expected - 2
    );
}

#[test]
fn both_closed_and_empty_takes_two_turns() {
    let (order_tx, orders) = unbounded::<u32>();
    let (note_tx, notes) = unbounded::<String>();
    drop((order_tx, note_tx));
    let heard = within_5s(move || listen(orders, notes));
    assert_eq!(
        heard,
        Heard {
            orders: vec![],
            notes: vec![],
            turns: 2,
        },
        "each channel must be seen closed exactly once"
    );
}

#[test]
fn hears_every_note_after_the_orders_close() {
    // The orders channel is closed (and empty) from the start; 100 notes
    // wait on the other channel.
    let (order_tx, orders) = unbounded::<u32>();
    let (note_tx, notes_rx) = unbounded();
    drop(order_tx);
    for note in notes(100) {
        note_tx.send(note).unwrap();
    }
    drop(note_tx);
    let heard = within_5s(move || listen(orders, notes_rx));
    assert_eq!(heard.notes, notes(100), "every note, in order");
    assert!(heard.orders.is_empty());
    assert_turns(&heard);
}

#[test]
fn keeps_listening_while_one_channel_is_open() {
    let (order_tx, orders) = unbounded();
    let (note_tx, notes_rx) = unbounded();
    for ticket in 1..=3 {
        order_tx.send(ticket).unwrap();
    }
    drop(order_tx);
    // `listen` starts while the notes channel is open and still empty...
    let (heard_tx, heard_rx) = mpsc::channel();
    thread::spawn(move || heard_tx.send(listen(orders, notes_rx)).unwrap());
    // ...and the notes arrive one by one, from this thread, after it.
    for note in notes(20) {
        note_tx.send(note).unwrap();
    }
    drop(note_tx);
    let heard = within_5s(move || heard_rx.recv().expect("`listen` panicked"));
    assert_eq!(heard.orders, vec![1, 2, 3]);
    assert_eq!(heard.notes, notes(20), "every note, in order");
    assert_turns(&heard);
}
