use exercise_11_keep_every_line::Logger;
use std::io::{self, Write};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

#[derive(Clone, Copy, PartialEq)]
enum Trouble {
    None,
    WriteFails,
    FlushFails,
}

/// A disk that keeps bytes only once they are flushed, as a compressed file
/// or a network connection does: `write` just holds them, and `flush` saves
/// them where the test can see them.
struct Disk {
    unsaved: Vec<u8>,
    saved: Arc<Mutex<Vec<u8>>>,
    trouble: Trouble,
}

impl Disk {
    fn new(trouble: Trouble) -> (Disk, Arc<Mutex<Vec<u8>>>) {
        let saved = Arc::new(Mutex::new(Vec::new()));
        let disk = Disk {
            unsaved: Vec::new(),
            saved: Arc::clone(&saved),
            trouble,
        };
        (disk, saved)
    }
}

impl Write for Disk {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.trouble == Trouble::WriteFails {
            return Err(io::Error::other("disk full"));
        }
        self.unsaved.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.trouble == Trouble::FlushFails {
            return Err(io::Error::other("disk unplugged"));
        }
        self.saved.lock().unwrap().append(&mut self.unsaved);
        Ok(())
    }
}

/// Runs `test` on a thread of its own and waits at most 5 s for it, so a
/// writer that is never told to stop fails the test instead of hanging it.
fn within_5s<T: Send + 'static>(test: impl FnOnce() -> T + Send + 'static) -> T {
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || done_tx.send(test()).unwrap());
    match done_rx.recv_timeout(Duration::from_secs(5)) {
        Ok(value) => value,
        Err(RecvTimeoutError::Timeout) => {
            panic!("`finish` did not return within 5 s: is a Sender still alive?")
        }
        Err(RecvTimeoutError::Disconnected) => panic!("the test panicked (see above)"),
    }
}

const COOKS: usize = 4;
const LINES: usize = 250;

/// Line `i` of cook `cook`. Long enough that the whole log (about 40 KB) is
/// more than a `BufWriter` holds, so it is written out in several pieces.
fn line(cook: usize, i: usize) -> String {
    format!("cook {cook} line {i:03} plated, pass clear")
}

#[test]
fn every_line_is_saved_once_whole_and_in_order() {
    let (disk, saved) = Disk::new(Trouble::None);
    let result = within_5s(move || {
        let logger = Logger::new(disk);
        thread::scope(|s| {
            for cook in 0..COOKS {
                let logger = &logger;
                s.spawn(move || {
                    for i in 0..LINES {
                        logger.log(line(cook, i));
                    }
                });
            }
        });
        logger.finish()
    });
    result.expect("`finish` reported an error, but the disk never failed");

    // `finish` has returned, so everything must be saved by now.
    let saved = String::from_utf8(saved.lock().unwrap().clone()).unwrap();
    let lines: Vec<&str> = saved.lines().collect();
    assert_eq!(
        lines.len(),
        COOKS * LINES,
        "lines saved when `finish` returned"
    );
    assert!(saved.ends_with('\n'), "the last line has no newline");
    for cook in 0..COOKS {
        let prefix = format!("cook {cook} ");
        let mine: Vec<&str> = lines
            .iter()
            .copied()
            .filter(|l| l.starts_with(&prefix))
            .collect();
        let expected: Vec<String> = (0..LINES).map(|i| line(cook, i)).collect();
        // Equal lists mean: each line once, whole, and in the cook's order.
        assert_eq!(mine, expected, "cook {cook}'s lines");
    }
}

#[test]
fn a_failing_write_is_reported() {
    let (disk, _) = Disk::new(Trouble::WriteFails);
    let result = within_5s(move || {
        let logger = Logger::new(disk);
        // More than a BufWriter holds, so the writer meets the error while
        // lines are still coming. Logging must go on without a panic.
        for i in 0..5_000 {
            logger.log(line(0, i));
        }
        logger.finish()
    });
    let err = result.expect_err("the disk refused every write, but `finish` said Ok");
    assert_eq!(err.to_string(), "disk full");
}

#[test]
fn a_failing_flush_is_reported() {
    let (disk, _) = Disk::new(Trouble::FlushFails);
    let result = within_5s(move || {
        let logger = Logger::new(disk);
        logger.log("table 4: two soups");
        logger.finish()
    });
    let err = result.expect_err("the disk's flush failed, but `finish` said Ok");
    assert_eq!(err.to_string(), "disk unplugged");
}
