use exercise_03_fix_the_hang::tickets_per_table;
use std::collections::BTreeMap;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

/// Runs `tickets_per_table` on a thread of its own and waits at most 2 s for
/// it: the starter hangs, and a hanging test would never report anything.
fn within_2s(waiters: Vec<Vec<u8>>) -> BTreeMap<u8, usize> {
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || done_tx.send(tickets_per_table(waiters)).unwrap());
    match done_rx.recv_timeout(Duration::from_secs(2)) {
        Ok(counts) => counts,
        Err(RecvTimeoutError::Timeout) => panic!(
            "`tickets_per_table` did not return within 2 s: \
             the chef is still waiting, so some Sender is still alive"
        ),
        Err(RecvTimeoutError::Disconnected) => {
            panic!("`tickets_per_table` panicked (see its message above)")
        }
    }
}

#[test]
fn counts_every_ticket_and_returns() {
    let waiters = vec![
        vec![1, 2, 1],
        vec![3],
        vec![2, 1],
        (0..50).map(|i| i % 5).collect(),
    ];
    let counts = within_2s(waiters);
    let expected = BTreeMap::from([(0, 10), (1, 13), (2, 12), (3, 11), (4, 10)]);
    assert_eq!(counts, expected);
}

#[test]
fn no_waiters_means_no_tickets() {
    assert!(within_2s(Vec::new()).is_empty());
}
