use exercise_09_clean_shutdown::Pool;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

/// Generous for a pool of a few cooks running tiny jobs, and short enough
/// that a `drop` that never returns fails the test quickly.
const LIMIT: Duration = Duration::from_secs(3);

/// Runs `test` on a thread of its own and waits at most `LIMIT` for it, so a
/// pool whose `drop` never returns fails the test instead of hanging it.
fn within_limit<T: Send + 'static>(test: impl FnOnce() -> T + Send + 'static) -> T {
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || done_tx.send(test()).unwrap());
    match done_rx.recv_timeout(LIMIT) {
        Ok(value) => value,
        Err(RecvTimeoutError::Timeout) => panic!(
            "dropping the pool did not return within {LIMIT:?}: \
             is a cook joined while the rail is still open?"
        ),
        Err(RecvTimeoutError::Disconnected) => {
            panic!("the test panicked: see the messages above")
        }
    }
}

#[test]
fn dropping_an_idle_pool_returns() {
    within_limit(|| drop(Pool::new(4)));
}

#[test]
fn every_queued_job_has_run_when_drop_returns() {
    let mut served = within_limit(|| {
        let pool = Pool::new(3);
        let (tx, rx) = mpsc::channel();
        for order in 0..50 {
            let tx = tx.clone();
            pool.execute(move || tx.send(order).unwrap());
        }
        drop(pool);
        // `drop` has returned, so every job has run: nothing is left to wait
        // for, and `try_iter` (which never waits) must find all 50.
        rx.try_iter().collect::<Vec<i32>>()
    });
    served.sort();
    assert_eq!(served, (0..50).collect::<Vec<_>>());
}

#[test]
fn a_panicking_job_does_not_stop_the_pool() {
    let mut served = within_limit(|| {
        let pool = Pool::new(2);
        let (tx, rx) = mpsc::channel();
        // As many burnt dishes as there are cooks, before any real work.
        for _ in 0..2 {
            pool.execute(|| panic!("burnt dish (this panic is part of the test)"));
        }
        for order in 0..20 {
            let tx = tx.clone();
            pool.execute(move || tx.send(order).unwrap());
        }
        drop(pool);
        rx.try_iter().collect::<Vec<i32>>()
    });
    served.sort();
    assert_eq!(
        served,
        (0..20).collect::<Vec<_>>(),
        "some jobs never ran after other jobs panicked"
    );
}
