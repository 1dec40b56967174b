use exercise_05_bounded_logger::Logger;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration;

/// Bounds every wait, so that no test can hang.
const LIMIT: Duration = Duration::from_secs(5);

fn line(i: usize) -> String {
    format!("line {i}")
}

/// A disk the test controls: the writer reports each line it gets, then
/// waits for a go-ahead before it takes the next one.
fn slow_disk() -> (
    impl FnMut(String) + Send + 'static,
    Receiver<String>,
    Sender<()>,
) {
    let (written_tx, written_rx) = mpsc::channel();
    let (go_tx, go_rx) = mpsc::channel::<()>();
    let write = move |line: String| {
        let _ = written_tx.send(line);
        // Once the test drops `go_tx`, this returns at once.
        let _ = go_rx.recv_timeout(LIMIT);
    };
    (write, written_rx, go_tx)
}

#[test]
fn every_line_arrives_in_order() {
    let (out_tx, out_rx) = mpsc::channel();
    let logger = Logger::new(4, move |line: String| out_tx.send(line).unwrap());
    thread::scope(|s| {
        for t in 0..3 {
            let logger = &logger;
            s.spawn(move || {
                for i in 0..50 {
                    logger.log(format!("{t}:{i}"));
                }
            });
        }
    });
    logger.finish();
    let written: Vec<String> = out_rx.iter().collect();
    assert_eq!(written.len(), 150, "every line must be written once");
    for t in 0..3 {
        let from_t: Vec<&String> = written
            .iter()
            .filter(|l| l.starts_with(&format!("{t}:")))
            .collect();
        let expected: Vec<String> = (0..50).map(|i| format!("{t}:{i}")).collect();
        assert_eq!(from_t, expected.iter().collect::<Vec<_>>(), "thread {t}");
    }
}

#[test]
fn log_waits_while_capacity_lines_are_waiting() {
    const CAPACITY: usize = 3;
    let (write, written, go) = slow_disk();
    let logger = Logger::new(CAPACITY, write);
    let (returned_tx, returned_rx) = mpsc::channel();
    thread::scope(|s| {
        // Moved in here so that a failed assertion drops it and frees the
        // writer (and so the logging thread) before the scope ends.
        let go = go;
        s.spawn(|| {
            for i in 0..10 {
                logger.log(line(i));
                returned_tx.send(i).unwrap();
            }
        });
        // The writer has taken line 0 and is stuck on the disk...
        assert_eq!(written.recv_timeout(LIMIT), Ok(line(0)));
        // ...so exactly CAPACITY more lines fit: `log` returns for lines
        // 0 to CAPACITY...
        for i in 0..=CAPACITY {
            assert_eq!(
                returned_rx.recv_timeout(LIMIT),
                Ok(i),
                "log({i}) must return: only {i} lines are waiting"
            );
        }
        // ...and the next one cannot return until the writer takes a line.
        // (No timing guess: on a correct logger the report can never come.)
        assert_eq!(
            returned_rx.recv_timeout(Duration::from_millis(300)),
            Err(RecvTimeoutError::Timeout),
            "log returned with {CAPACITY} lines already waiting: the log is not bounded"
        );
        for i in 1..10 {
            go.send(()).unwrap();
            assert_eq!(written.recv_timeout(LIMIT), Ok(line(i)));
        }
    });
    logger.finish();
    let extra: Vec<String> = written.iter().collect();
    assert!(extra.is_empty(), "written more than once: {extra:?}");
}

#[test]
fn try_log_gives_the_line_back_when_full() {
    const CAPACITY: usize = 2;
    let (write, written, go) = slow_disk();
    let logger = Logger::new(CAPACITY, write);
    logger.log(line(0));
    // The writer is stuck on line 0, so nothing else is waiting.
    assert_eq!(written.recv_timeout(LIMIT), Ok(line(0)));
    assert_eq!(logger.try_log(line(1)), Ok(()));
    assert_eq!(logger.try_log(line(2)), Ok(()));
    assert_eq!(
        logger.try_log(line(3)),
        Err(line(3)),
        "with {CAPACITY} lines waiting, try_log must give the line back"
    );
    // The disk catches up; the line that came back is logged after all.
    drop(go);
    logger.log(line(3));
    logger.finish();
    let rest: Vec<String> = written.iter().collect();
    assert_eq!(rest, vec![line(1), line(2), line(3)]);
}
