// ANCHOR: solution
use std::io::{self, BufWriter, Write};
use std::sync::mpsc::{self, Sender};
use std::thread::{self, JoinHandle};

/// A log that one writer thread writes, so that the threads that log never
/// wait for the disk and their lines never mix.
pub struct Logger {
    lines: Sender<String>,
    // The writer's result travels back to `finish` through `join`.
    writer: JoinHandle<io::Result<()>>,
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
                // On an error, stop: returning drops `rx`, so the loggers'
                // sends fail quietly from then on.
                writeln!(out, "{line}")?;
            }
            // Writes what is still buffered, then flushes `out` itself. A
            // dropped BufWriter would do only the first half, and would
            // hide any error.
            out.flush()
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
        // Close the channel first, or the writer's loop never ends and
        // `join` waits forever.
        drop(self.lines);
        self.writer.join().expect("the writer thread panicked")
    }
}
// ANCHOR_END: solution
