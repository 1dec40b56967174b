// ANCHOR: solution
use std::sync::mpsc::{self, SyncSender, TrySendError};
use std::thread::{self, JoinHandle};

/// A log that a background thread writes, line by line, so that the threads
/// that log never wait for the disk.
pub struct Logger {
    lines: SyncSender<String>,
    writer: JoinHandle<()>,
}

impl Logger {
    /// Starts the writer thread, which passes every line to `write`, in the
    /// order the lines were logged. At most `capacity` lines may be waiting
    /// for the writer at any time.
    pub fn new<W>(capacity: usize, mut write: W) -> Logger
    where
        W: FnMut(String) + Send + 'static,
    {
        // A bounded channel: its `send` waits while `capacity` lines are
        // waiting, which holds the logging threads back instead of the
        // memory growing.
        let (lines, rx) = mpsc::sync_channel::<String>(capacity);
        let writer = thread::spawn(move || {
            for line in rx {
                write(line);
            }
        });
        Logger { lines, writer }
    }

    /// Logs one line. If `capacity` lines are already waiting, waits until
    /// the writer makes room: a line is never dropped.
    pub fn log(&self, line: String) {
        self.lines
            .send(line)
            .expect("the writer thread has stopped");
    }

    /// Logs one line only if there is room right now, and never waits. If
    /// there is no room, gives the line back so that the caller can keep it.
    pub fn try_log(&self, line: String) -> Result<(), String> {
        match self.lines.try_send(line) {
            Ok(()) => Ok(()),
            // Both errors carry the line we moved in; neither loses it.
            Err(TrySendError::Full(line) | TrySendError::Disconnected(line)) => Err(line),
        }
    }

    /// Closes the log and waits until the writer has written every line.
    pub fn finish(self) {
        drop(self.lines);
        self.writer.join().expect("the writer thread panicked");
    }
}
// ANCHOR_END: solution
