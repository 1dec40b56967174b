use exercise_15_progress_summary::{BATCH, Progress, Report, Summary, report, run_workers};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

/// Runs `f` on a thread of its own and waits at most 5 s for it, so a
/// `Sender` left alive fails the test instead of hanging it.
fn within_5s<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || done_tx.send(f()).unwrap());
    match done_rx.recv_timeout(Duration::from_secs(5)) {
        Ok(value) => value,
        Err(RecvTimeoutError::Timeout) => {
            panic!("no result within 5 s: is a Sender still alive?")
        }
        Err(RecvTimeoutError::Disconnected) => panic!("it panicked (see its message above)"),
    }
}

fn worker_of(event: &Progress) -> usize {
    match *event {
        Progress::Started { worker, .. }
        | Progress::Advanced { worker, .. }
        | Progress::Finished { worker } => worker,
    }
}

/// Checks that `worker`'s events in the log are `Started { total }`, then
/// `Advanced` events of 1..=BATCH items adding up to `total`, then `Finished`.
fn check_story(report: &Report, worker: usize, total: u64) {
    let story: Vec<Progress> = report
        .log
        .iter()
        .filter(|e| worker_of(e) == worker)
        .copied()
        .collect();
    assert_eq!(
        story.first(),
        Some(&Progress::Started { worker, total }),
        "worker {worker} must start with Started, total {total}: {story:?}"
    );
    assert_eq!(
        story.last(),
        Some(&Progress::Finished { worker }),
        "worker {worker} must end with Finished: {story:?}"
    );
    let mut done = 0;
    for event in &story[1..story.len() - 1] {
        match *event {
            Progress::Advanced { n, .. } if (1..=BATCH).contains(&n) => done += n,
            _ => panic!(
                "worker {worker}: between Started and Finished, expected only \
                 Advanced events of 1 to {BATCH} items, got {event:?}"
            ),
        }
    }
    assert_eq!(
        done, total,
        "worker {worker}: its Advanced events must add up"
    );
}

#[test]
fn each_worker_reports_started_advanced_finished() {
    let totals = [12, 9, 15, 1, 0, 40];
    let report = within_5s(move || run_workers(&totals));
    for (worker, &total) in totals.iter().enumerate() {
        check_story(&report, worker, total);
    }
    let batches: u64 = totals.iter().map(|t| t.div_ceil(BATCH)).sum();
    assert_eq!(
        report.log.len() as u64,
        2 * totals.len() as u64 + batches,
        "one Started and one Finished per worker, one Advanced per batch"
    );
}

#[test]
fn the_summary_adds_up_what_the_workers_sent() {
    let totals = [12, 9, 15, 0];
    let report = within_5s(move || run_workers(&totals));
    let expected: Vec<(usize, Summary)> = totals
        .iter()
        .enumerate()
        .map(|(worker, &total)| {
            let summary = Summary {
                total,
                done: total,
                updates: total.div_ceil(BATCH) as u32,
                finished: true,
            };
            (worker, summary)
        })
        .collect();
    let got: Vec<(usize, Summary)> = report.summaries.into_iter().collect();
    assert_eq!(got, expected);
}

#[test]
fn a_worker_that_stops_early_is_not_finished() {
    // Hand-made events: worker 1 starts but never finishes, as if it had
    // panicked; worker 0's events are mixed in between.
    let (tx, rx) = mpsc::channel();
    for event in [
        Progress::Started {
            worker: 1,
            total: 10,
        },
        Progress::Started {
            worker: 0,
            total: 5,
        },
        Progress::Advanced { worker: 1, n: 4 },
        Progress::Advanced { worker: 0, n: 4 },
        Progress::Advanced { worker: 0, n: 1 },
        Progress::Finished { worker: 0 },
    ] {
        tx.send(event).unwrap();
    }
    drop(tx);
    let report = within_5s(move || report(rx));
    assert_eq!(report.log.len(), 6, "every event is logged");
    let got: Vec<(usize, Summary)> = report.summaries.into_iter().collect();
    let expected = vec![
        (
            0,
            Summary {
                total: 5,
                done: 5,
                updates: 2,
                finished: true,
            },
        ),
        (
            1,
            Summary {
                total: 10,
                done: 4,
                updates: 1,
                finished: false,
            },
        ),
    ];
    assert_eq!(got, expected);
}

#[test]
fn no_workers_means_an_empty_report() {
    let report = within_5s(|| run_workers(&[]));
    assert!(report.log.is_empty());
    assert!(report.summaries.is_empty());
}
