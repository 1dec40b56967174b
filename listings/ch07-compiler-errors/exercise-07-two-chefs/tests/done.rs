use exercise_07_two_chefs::two_chefs;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

/// Puts `tickets` on a rail, closes it, and runs `two_chefs` on a thread of
/// its own, waiting at most 10 s for it, so a kitchen that never closes fails
/// the test instead of hanging it.
fn run_kitchen<F>(tickets: impl IntoIterator<Item = u32>, cook: F) -> Vec<Vec<u32>>
where
    F: Fn(usize, u32) + Send + Sync + 'static,
{
    let (tx, rx) = mpsc::channel();
    for ticket in tickets {
        tx.send(ticket).unwrap();
    }
    drop(tx);
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || done_tx.send(two_chefs(rx, cook)).unwrap());
    match done_rx.recv_timeout(Duration::from_secs(10)) {
        Ok(cooked) => cooked,
        Err(RecvTimeoutError::Timeout) => {
            panic!(
                "`two_chefs` did not return within 10 s: does every chef stop once the rail is closed and empty?"
            )
        }
        Err(RecvTimeoutError::Disconnected) => {
            panic!("`two_chefs` panicked (see its message above)")
        }
    }
}

#[test]
fn every_ticket_is_cooked_once() {
    let log = Arc::new(Mutex::new(Vec::new()));
    let cooked = {
        let log = Arc::clone(&log);
        run_kitchen(0..200, move |chef, ticket| {
            log.lock().unwrap().push((chef, ticket));
        })
    };
    assert_eq!(cooked.len(), 2, "one list of tickets per chef");

    let mut all: Vec<u32> = cooked.concat();
    all.sort_unstable();
    assert_eq!(
        all,
        (0..200).collect::<Vec<_>>(),
        "each ticket exactly once"
    );

    let log = log.lock().unwrap();
    for (chef, tickets) in cooked.iter().enumerate() {
        // One waiter sent the tickets in order, so each chef takes them in order.
        assert!(
            tickets.windows(2).all(|w| w[0] < w[1]),
            "chef {chef} took its tickets out of order: {tickets:?}"
        );
        let called: Vec<u32> = log.iter().filter(|c| c.0 == chef).map(|c| c.1).collect();
        assert_eq!(
            &called, tickets,
            "chef {chef} must call `cook` for exactly the tickets it returns"
        );
    }
}

/// Who is cooking the first two tickets, and whether the first one gave up
/// waiting for the second.
#[derive(Default)]
struct Meeting {
    cooking: Vec<usize>,
    gave_up: bool,
}

#[test]
fn both_chefs_cook_at_the_same_time() {
    let meeting = Arc::new((Mutex::new(Meeting::default()), Condvar::new()));
    let cooked = {
        let meeting = Arc::clone(&meeting);
        // The first ticket's cook waits (at most 5 s) until a second ticket
        // is being cooked at the same time. With one chef, or a chef that
        // holds the rail while it cooks, the second never starts in time.
        run_kitchen(0..10, move |chef, _ticket| {
            let (lock, both_here) = &*meeting;
            let mut m = lock.lock().unwrap();
            if m.gave_up || m.cooking.len() >= 2 {
                return;
            }
            m.cooking.push(chef);
            both_here.notify_all();
            let (mut m, wait) = both_here
                .wait_timeout_while(m, Duration::from_secs(5), |m| m.cooking.len() < 2)
                .unwrap();
            if wait.timed_out() {
                m.gave_up = true;
            }
        })
    };
    let m = meeting.0.lock().unwrap();
    assert!(
        !m.gave_up,
        "chef {} cooked the first ticket alone for 5 s: does chef 1 get the rail? \
         does a chef hold the lock while it cooks?",
        m.cooking[0]
    );
    let mut chefs = m.cooking.clone();
    chefs.sort_unstable();
    assert_eq!(
        chefs,
        [0, 1],
        "the first two tickets should be cooked at the same time by chef 0 and chef 1"
    );
    assert_eq!(cooked.concat().len(), 10, "every ticket is cooked");
}

#[test]
fn an_empty_rail_closes_the_kitchen() {
    let cooked = run_kitchen(Vec::new(), |_, _| {});
    assert_eq!(cooked, vec![Vec::<u32>::new(), Vec::new()]);
}
