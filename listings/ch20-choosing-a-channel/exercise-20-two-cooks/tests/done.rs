//! What "done" means: every ticket is cooked once, each cook takes a
//! waiter's tickets in the order they were written, and every cook gets
//! work. No test times anything: whether two cooks are faster than one is a
//! question for a benchmark, not for a test.

use exercise_20_two_cooks::{Cooked, Ticket, kitchen};
use std::collections::BTreeSet;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

/// How long a cook with its first ticket waits for the other cooks to take
/// one too. Far longer than starting a thread takes, however busy the machine.
const MEET_WITHIN: Duration = Duration::from_secs(3);

/// Runs `kitchen` on a thread of its own and waits at most 10 s for it, so a
/// channel that never closes fails the test instead of hanging it.
fn kitchen_within_10s<F>(orders: Vec<u32>, cooks: usize, cook: F) -> Vec<Cooked>
where
    F: Fn(usize, Ticket) + Clone + Send + 'static,
{
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || done_tx.send(kitchen(&orders, cooks, cook)).unwrap());
    match done_rx.recv_timeout(Duration::from_secs(10)) {
        Ok(cooked) => cooked,
        Err(RecvTimeoutError::Timeout) => panic!(
            "`kitchen` did not return within 10 s: is a Sender (of tickets or \
             of reports) still alive?"
        ),
        Err(RecvTimeoutError::Disconnected) => {
            panic!("`kitchen` panicked (see its message above)")
        }
    }
}

/// Makes the cooks meet: a cook's first ticket waits until `cooks` different
/// cooks each hold a ticket, so no cook can take the whole rail before the
/// others start. The wait is bounded: if the others never come, everyone
/// goes on after `MEET_WITHIN`, and the test then finds who did no work.
#[derive(Clone)]
struct Meeting {
    state: Arc<(Mutex<Arrivals>, Condvar)>,
    cooks: usize,
}

#[derive(Default)]
struct Arrivals {
    here: BTreeSet<usize>,
    gave_up: bool,
}

impl Meeting {
    fn new(cooks: usize) -> Self {
        Meeting {
            state: Arc::new((Mutex::new(Arrivals::default()), Condvar::new())),
            cooks,
        }
    }

    fn arrive(&self, cook: usize) {
        let (lock, all_here) = &*self.state;
        let mut state = lock.lock().unwrap();
        if state.here.insert(cook) {
            all_here.notify_all();
        }
        let (mut state, waited) = all_here
            .wait_timeout_while(state, MEET_WITHIN, |a| {
                a.here.len() < self.cooks && !a.gave_up
            })
            .unwrap();
        if waited.timed_out() {
            // Don't make every later ticket wait again.
            state.gave_up = true;
            all_here.notify_all();
        }
    }
}

fn all_tickets(orders: &[u32]) -> Vec<Ticket> {
    let mut tickets = Vec::new();
    for (waiter, &count) in orders.iter().enumerate() {
        tickets.extend((0..count).map(|number| Ticket { waiter, number }));
    }
    tickets
}

fn assert_each_ticket_once(orders: &[u32], cooked: &[Cooked]) {
    let mut got: Vec<Ticket> = cooked.iter().map(|c| c.ticket).collect();
    got.sort();
    assert_eq!(
        got.len(),
        all_tickets(orders).len(),
        "every ticket must be cooked exactly once"
    );
    assert!(
        got == all_tickets(orders),
        "a ticket is missing or was cooked twice"
    );
}

/// Each cook reports in the order it cooked, so within one cook's reports a
/// waiter's tickets must come in the order the waiter wrote them.
fn assert_each_cook_keeps_waiter_order(orders: &[u32], cooks: usize, cooked: &[Cooked]) {
    for cook in 0..cooks {
        for waiter in 0..orders.len() {
            let numbers: Vec<u32> = cooked
                .iter()
                .filter(|c| c.cook == cook && c.ticket.waiter == waiter)
                .map(|c| c.ticket.number)
                .collect();
            assert!(
                numbers.windows(2).all(|pair| pair[0] < pair[1]),
                "cook {cook} got waiter {waiter}'s tickets out of order: {numbers:?}"
            );
        }
    }
}

fn assert_every_cook_worked(cooks: usize, cooked: &[Cooked]) {
    let worked: BTreeSet<usize> = cooked.iter().map(|c| c.cook).collect();
    let expected: BTreeSet<usize> = (0..cooks).collect();
    assert_eq!(
        worked, expected,
        "cooks {expected:?} must all take tickets from the one rail, but only \
         cooks {worked:?} did"
    );
}

#[test]
fn two_cooks_share_the_rail() {
    let orders = vec![20, 20, 20];
    let meeting = Meeting::new(2);
    let cooked = kitchen_within_10s(orders.clone(), 2, move |cook, _| meeting.arrive(cook));
    assert_every_cook_worked(2, &cooked);
    assert_each_ticket_once(&orders, &cooked);
    assert_each_cook_keeps_waiter_order(&orders, 2, &cooked);
}

#[test]
fn three_cooks_all_get_work() {
    let orders = vec![10, 10];
    let meeting = Meeting::new(3);
    let cooked = kitchen_within_10s(orders.clone(), 3, move |cook, _| meeting.arrive(cook));
    assert_every_cook_worked(3, &cooked);
    assert_each_ticket_once(&orders, &cooked);
}

#[test]
fn every_ticket_is_cooked_exactly_once() {
    let orders = vec![1000, 1, 500, 0, 250];
    let cooked = kitchen_within_10s(orders.clone(), 2, |_, _| {});
    assert_each_ticket_once(&orders, &cooked);
}

#[test]
fn each_cook_takes_a_waiters_tickets_in_order() {
    let orders = vec![500; 4];
    let cooked = kitchen_within_10s(orders.clone(), 2, |_, _| {});
    assert_each_cook_keeps_waiter_order(&orders, 2, &cooked);
}

#[test]
fn no_waiters_means_no_tickets_and_the_kitchen_closes() {
    assert!(kitchen_within_10s(Vec::new(), 2, |_, _| {}).is_empty());
    assert!(kitchen_within_10s(vec![0, 0], 2, |_, _| {}).is_empty());
}
