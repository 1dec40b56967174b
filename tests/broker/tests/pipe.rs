//! What chapter 21 and the guarantees table say about pipes, on this
//! machine: a pipe's buffer is bounded, so a writer waits when nobody reads;
//! and once the read end is closed, a write fails instead of vanishing.

use std::io::{self, Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

const CHUNK: usize = 1024;
/// Far more than a pipe's buffer holds.
const TOTAL: usize = 16 * 1024 * 1024;

#[test]
fn a_full_pipe_blocks_the_writer() {
    let (mut reader, mut writer) = io::pipe().unwrap();
    let written = Arc::new(AtomicUsize::new(0));
    let waiter = thread::spawn({
        let written = written.clone();
        move || {
            let chunk = [b'x'; CHUNK];
            while written.load(Ordering::Relaxed) < TOTAL {
                writer.write_all(&chunk).unwrap();
                written.fetch_add(CHUNK, Ordering::Relaxed);
            }
        }
    });
    // Wait until the writer stops making progress: nobody reads, so it
    // must stop long before it has written everything.
    let mut last = 0;
    let mut since = Instant::now();
    while since.elapsed() < Duration::from_millis(200) {
        let now = written.load(Ordering::Relaxed);
        assert!(
            now < TOTAL,
            "the writer wrote {TOTAL} bytes that nobody read: no bound"
        );
        if now != last {
            (last, since) = (now, Instant::now());
        }
        thread::sleep(Duration::from_millis(5));
    }
    println!("the writer stopped after {last} bytes with nobody reading");
    // Reading makes room, and the writer finishes.
    let mut buf = vec![0; 64 * 1024];
    let mut read = 0;
    while read < TOTAL {
        read += reader.read(&mut buf).unwrap();
    }
    waiter.join().unwrap();
}

#[test]
fn a_closed_pipe_refuses_writes() {
    let (reader, mut writer) = io::pipe().unwrap();
    drop(reader);
    // Rust ignores SIGPIPE, so the write returns an error rather than
    // ending the process.
    let err = writer.write_all(b"ticket\n").unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
}
