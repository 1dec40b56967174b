// ANCHOR: starter
use std::io::{self, BufWriter, Write};
use std::sync::mpsc::{self, Sender};
use std::thread::{self, JoinHandle};

/// A log that one writer thread writes, so that the threads that log never
/// wait for the disk and their lines never mix.
pub struct Logger {
    lines: Sender<String>,
    writer: JoinHandle<()>,
}

impl Logger {
    /// Starts the writer thread, which owns `out` and writes each logged
    /// line to it, followed by a newline.
    pub fn new<W>(out: W) -> Logger
    where
        W: Write + Send + 'static,
    {
        let (lines, rx) = mpsc::channel::<String>();
        let writer = thread::spawn(move || {
            let mut out = BufWriter::new(out);
            for line in rx {
                // TODO: a failed write is thrown away here.
                let _ = writeln!(out, "{line}");
            }
            // TODO: `out` is dropped here without a `flush`.
        });
        Logger { lines, writer }
    }

    /// Logs one line. Never waits for the disk and never panics: if the
    /// writer has stopped after an error, the line is dropped, and `finish`
    /// reports that error.
    pub fn log(&self, line: impl Into<String>) {
        let _ = self.lines.send(line.into());
    }

    /// Closes the log and returns once every line is written and flushed to
    /// `out`, or with the first error the writer met.
    pub fn finish(self) -> io::Result<()> {
        drop(self.lines);
        // TODO: dropping a JoinHandle does not wait for the thread: it
        // detaches it. This returns at once, and always says Ok.
        drop(self.writer);
        Ok(())
    }
}
// ANCHOR_END: starter
