use exercise_04_drain_then_wait::{Look, look_at_rail};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

/// A patience no test should ever wait out: `within_5s` fails first.
const FOREVER: Duration = Duration::from_secs(60);

/// Runs a scenario on a thread of its own and waits at most 5 s for it, so
/// a `look_at_rail` that blocks too long fails the test instead of hanging it.
fn within_5s<T: Send + 'static>(scenario: impl FnOnce() -> T + Send + 'static) -> T {
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || done_tx.send(scenario()).unwrap());
    match done_rx.recv_timeout(Duration::from_secs(5)) {
        Ok(result) => result,
        Err(RecvTimeoutError::Timeout) => panic!(
            "`look_at_rail` was still waiting after 5 s: \
             does it block while tickets are waiting or the rail is closed?"
        ),
        Err(RecvTimeoutError::Disconnected) => {
            panic!("`look_at_rail` panicked (see its message above)")
        }
    }
}

fn tickets(names: &[&str]) -> Look {
    Look::Tickets(names.iter().map(|n| n.to_string()).collect())
}

#[test]
fn takes_everything_waiting_without_waiting_for_more() {
    let look = within_5s(|| {
        let (tx, rx) = mpsc::channel();
        for dish in ["soup", "steak", "salad"] {
            tx.send(dish.to_string()).unwrap();
        }
        // `tx` is still alive: more tickets could come, but must not be
        // waited for.
        let look = look_at_rail(&rx, FOREVER);
        drop(tx);
        look
    });
    assert_eq!(look, tickets(&["soup", "steak", "salad"]));
}

#[test]
fn a_quiet_rail_is_not_a_closed_one() {
    let look = within_5s(|| {
        let (tx, rx) = mpsc::channel::<String>();
        let look = look_at_rail(&rx, Duration::from_millis(10));
        drop(tx);
        look
    });
    assert_eq!(look, Look::Quiet);
}

#[test]
fn waits_for_a_ticket_that_comes_later() {
    let look = within_5s(|| {
        let (tx, rx) = mpsc::channel();
        let waiter = thread::spawn(move || {
            thread::sleep(Duration::from_millis(20));
            tx.send("late fish".to_string()).unwrap();
            // Keep the rail open, so only the ticket can end the wait.
            tx
        });
        let look = look_at_rail(&rx, FOREVER);
        drop(waiter.join().unwrap());
        look
    });
    assert_eq!(look, tickets(&["late fish"]));
}

#[test]
fn closed_only_after_the_last_ticket() {
    let (first, second) = within_5s(|| {
        let (tx, rx) = mpsc::channel();
        tx.send("pie".to_string()).unwrap();
        tx.send("tart".to_string()).unwrap();
        drop(tx);
        (look_at_rail(&rx, FOREVER), look_at_rail(&rx, FOREVER))
    });
    assert_eq!(first, tickets(&["pie", "tart"]));
    assert_eq!(second, Look::Closed);
}
