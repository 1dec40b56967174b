//! Each test runs one scenario on std's `sync_channel` first, which shows the
//! right answer, and then on yours, which must give the same answer.

use exercise_19_receiver_gone as ours;
use std::sync::Arc;
use std::sync::mpsc::{self as std_mpsc, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

/// Runs `f` on a thread of its own and waits at most 5 s for it, so a call
/// that never returns fails the test instead of hanging it.
fn within_5s<R: Send + 'static>(what: &str, f: impl FnOnce() -> R + Send + 'static) -> R {
    let (done_tx, done_rx) = std_mpsc::channel();
    thread::spawn(move || done_tx.send(f()).unwrap());
    match done_rx.recv_timeout(Duration::from_secs(5)) {
        Ok(result) => result,
        Err(RecvTimeoutError::Timeout) => panic!("{what} did not return within 5 s"),
        Err(RecvTimeoutError::Disconnected) => panic!("{what} panicked (see its message above)"),
    }
}

/// What a `send` returned, as text, for channel module `$ch`.
macro_rules! sent {
    ($ch:ident, $result:expr) => {
        match $result {
            Ok(()) => "Ok".to_string(),
            Err($ch::SendError(v)) => format!("SendError({v})"),
        }
    };
}

/// What a `try_send` returned, as text, for channel module `$ch`.
macro_rules! try_sent {
    ($ch:ident, $result:expr) => {
        match $result {
            Ok(()) => "Ok".to_string(),
            Err($ch::TrySendError::Full(v)) => format!("Full({v})"),
            Err($ch::TrySendError::Disconnected(v)) => format!("Disconnected({v})"),
        }
    };
}

macro_rules! send_after_the_chef_left {
    ($ch:ident) => {{
        let (tx, rx) = $ch::sync_channel::<u32>(2);
        tx.send(1).unwrap();
        drop(rx);
        // There is room on the rail, but nobody will ever read ticket 7.
        sent!($ch, tx.send(7))
    }};
}

#[test]
fn send_hands_the_ticket_back_once_the_receiver_is_gone() {
    assert_eq!(send_after_the_chef_left!(std_mpsc), "SendError(7)");
    let yours = within_5s("the scenario", || send_after_the_chef_left!(ours));
    assert_eq!(yours, "SendError(7)");
}

macro_rules! try_send_on_a_full_rail {
    ($ch:ident) => {{
        let (tx, rx) = $ch::sync_channel::<u32>(1);
        let first = try_sent!($ch, tx.try_send(1));
        let second = try_sent!($ch, tx.try_send(2));
        // The rail still holds ticket 1 when the chef leaves.
        drop(rx);
        let third = try_sent!($ch, tx.try_send(3));
        vec![first, second, third]
    }};
}

#[test]
fn try_send_says_disconnected_even_when_the_rail_was_full() {
    let expected = ["Ok", "Full(2)", "Disconnected(3)"];
    assert_eq!(try_send_on_a_full_rail!(std_mpsc), expected);
    let yours = within_5s("the scenario", || try_send_on_a_full_rail!(ours));
    assert_eq!(yours, expected);
}

macro_rules! three_waiters_blocked_on_a_full_rail {
    ($ch:ident) => {{
        let (tx, rx) = $ch::sync_channel::<u32>(1);
        tx.send(0).unwrap(); // The rail is full from now on.
        let (outcome_tx, outcome_rx) = std_mpsc::channel();
        let (ready_tx, ready_rx) = std_mpsc::channel();
        for waiter in 1..=3 {
            let (tx, outcome_tx, ready_tx) = (tx.clone(), outcome_tx.clone(), ready_tx.clone());
            thread::spawn(move || {
                ready_tx.send(()).unwrap();
                let _ = outcome_tx.send(sent!($ch, tx.send(waiter)));
            });
        }
        for _ in 1..=3 {
            ready_rx.recv().unwrap();
        }
        // Time for the waiters to fall asleep in `send`. The right answer is
        // the same if some have not yet: they then find the chef gone.
        thread::sleep(Duration::from_millis(50));
        drop(rx);
        // Each waiter gets 2 s, in all, to report back.
        let deadline = Instant::now() + Duration::from_secs(2);
        let mut outcomes: Vec<String> = (1..=3)
            .map(|_| {
                let left = deadline.saturating_duration_since(Instant::now());
                outcome_rx
                    .recv_timeout(left)
                    .unwrap_or_else(|_| "still asleep in send".to_string())
            })
            .collect();
        outcomes.sort();
        outcomes
    }};
}

#[test]
fn every_blocked_sender_wakes_up_with_its_ticket() {
    let expected = ["SendError(1)", "SendError(2)", "SendError(3)"];
    assert_eq!(three_waiters_blocked_on_a_full_rail!(std_mpsc), expected);
    let yours = within_5s("the scenario", || {
        three_waiters_blocked_on_a_full_rail!(ours)
    });
    assert_eq!(yours, expected);
}

macro_rules! unread_tickets_left_alive {
    ($ch:ident) => {{
        let ticket = Arc::new("table 4: soup");
        let (tx, rx) = $ch::sync_channel(3);
        for _ in 0..3 {
            tx.send(Arc::clone(&ticket)).unwrap();
        }
        drop(rx);
        // `tx` is still alive, so the channel's state is too; the tickets in
        // it must not be.
        let alive = Arc::strong_count(&ticket) - 1;
        drop(tx);
        alive
    }};
}

#[test]
fn unread_tickets_are_dropped_with_the_receiver() {
    assert_eq!(unread_tickets_left_alive!(std_mpsc), 0);
    let yours = within_5s("the scenario", || unread_tickets_left_alive!(ours));
    assert_eq!(
        yours, 0,
        "tickets still alive after the receiver was dropped"
    );
}

/// A ticket that carries a sender of its own channel, for a follow-up order.
struct StdTicket(#[allow(dead_code)] Option<std_mpsc::SyncSender<StdTicket>>);
struct OurTicket(#[allow(dead_code)] Option<ours::SyncSender<OurTicket>>);

macro_rules! drop_a_ticket_that_owns_a_sender {
    ($ch:ident, $ticket:ident) => {{
        let (tx, rx) = $ch::sync_channel::<$ticket>(2);
        assert!(tx.send($ticket(Some(tx.clone()))).is_ok());
        // Dropping the unread ticket drops its sender, which uses the channel.
        drop(rx);
        tx.send($ticket(None)).is_err()
    }};
}

#[test]
fn a_ticket_may_own_a_sender_of_its_own_channel() {
    assert!(drop_a_ticket_that_owns_a_sender!(std_mpsc, StdTicket));
    // The whole scenario runs on the watchdog's thread: if the channel's lock
    // is stuck, this thread must not touch the channel again.
    let send_failed = within_5s(
        "the scenario (is a ticket dropped while the lock is held?)",
        || drop_a_ticket_that_owns_a_sender!(ours, OurTicket),
    );
    assert!(send_failed, "send succeeded after the receiver was dropped");
}

macro_rules! tickets_through_a_small_rail {
    ($ch:ident) => {{
        let (tx, rx) = $ch::sync_channel::<u32>(2);
        let waiter = thread::spawn(move || {
            for ticket in 0..100 {
                tx.send(ticket).unwrap();
            }
        });
        let received: Vec<u32> = std::iter::from_fn(|| rx.recv().ok()).collect();
        waiter.join().unwrap();
        received
    }};
}

#[test]
fn while_the_chef_is_there_every_ticket_arrives_in_order() {
    let expected: Vec<u32> = (0..100).collect();
    assert_eq!(tickets_through_a_small_rail!(std_mpsc), expected);
    let yours = within_5s("the scenario", || tickets_through_a_small_rail!(ours));
    assert_eq!(yours, expected);
}
