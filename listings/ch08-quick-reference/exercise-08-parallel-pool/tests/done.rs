use exercise_08_parallel_pool::Pool;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

/// How long each job waits for the others to start. On a pool that runs one
/// job at a time, the first job waits this long in vain, and the test fails.
const WAIT_FOR_OTHERS: Duration = Duration::from_secs(1);
/// Bounds the test's own waits, so that no test can hang.
const LIMIT: Duration = Duration::from_secs(10);

/// Runs `jobs` jobs on a pool of `workers`. Each job tells every other job
/// that it has started, then waits until it has heard from all the others
/// (or gives up after `WAIT_FOR_OTHERS`). Returns how many others each job
/// heard from. If every job heard from all the others, then the job that
/// started first heard them start while it was still running: all of them
/// ran at once.
fn others_heard(workers: usize, jobs: usize) -> Vec<usize> {
    let pool = Pool::new(workers);
    let (senders, inboxes): (Vec<Sender<usize>>, Vec<Receiver<usize>>) =
        (0..jobs).map(|_| mpsc::channel()).unzip();
    let (report_tx, report_rx) = mpsc::channel();
    for (me, inbox) in inboxes.into_iter().enumerate() {
        let everyone = senders.clone();
        let report = report_tx.clone();
        pool.execute(move || {
            for (other, tx) in everyone.iter().enumerate() {
                if other != me {
                    // A job that has already finished no longer listens.
                    let _ = tx.send(me);
                }
            }
            let deadline = Instant::now() + WAIT_FOR_OTHERS;
            let mut heard = 0;
            while heard < jobs - 1 {
                let left = deadline.saturating_duration_since(Instant::now());
                match inbox.recv_timeout(left) {
                    Ok(_) => heard += 1,
                    Err(_) => break,
                }
            }
            report.send(heard).unwrap();
        });
    }
    let heard = (0..jobs)
        .map(|_| report_rx.recv_timeout(LIMIT).expect("a job never finished"))
        .collect();
    pool.join();
    heard
}

#[test]
fn two_workers_run_two_jobs_at_once() {
    assert_eq!(
        others_heard(2, 2),
        vec![1, 1],
        "a job never saw the other one start: the jobs ran one at a time"
    );
}

#[test]
fn three_workers_run_three_jobs_at_once() {
    assert_eq!(
        others_heard(3, 3),
        vec![2, 2, 2],
        "some job did not see the others start: the jobs did not all run at once"
    );
}

#[test]
fn every_job_runs_once_before_join_returns() {
    let pool = Pool::new(3);
    let (tx, rx) = mpsc::channel();
    for order in 0..20 {
        let tx = tx.clone();
        pool.execute(move || tx.send(order).unwrap());
    }
    pool.join();
    // `join` has returned, so every job has run: nothing left to wait for.
    let mut done: Vec<i32> = rx.try_iter().collect();
    done.sort();
    assert_eq!(done, (0..20).collect::<Vec<_>>());
}
