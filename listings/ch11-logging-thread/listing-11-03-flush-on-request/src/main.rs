use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

// ANCHOR: message
enum LogMsg {
    Line(String),
    /// Write out everything logged so far, then say so on this channel.
    Flush(Sender<()>),
}
// ANCHOR_END: message

// ANCHOR: writer
fn write_log(messages: Receiver<LogMsg>, file: File) -> io::Result<()> {
    let mut out = BufWriter::new(file);
    for message in messages {
        match message {
            LogMsg::Line(line) => writeln!(out, "{line}")?,
            LogMsg::Flush(done) => {
                out.flush()?;
                // Messages from one sender arrive in order, so every line
                // this caller logged before asking is now in the file.
                let _ = done.send(());
            }
        }
    }
    out.flush()
}
// ANCHOR_END: writer

fn lines_in(path: &Path) -> io::Result<usize> {
    Ok(fs::read_to_string(path)?.lines().count())
}

// ANCHOR: main
fn main() -> io::Result<()> {
    let path = std::env::temp_dir().join(format!("kitchen-log-{}.txt", std::process::id()));
    let (log, messages) = mpsc::channel::<LogMsg>();
    let writer = thread::spawn({
        let file = File::create(&path)?;
        move || write_log(messages, file)
    });

    for table in 1..=5 {
        log.send(LogMsg::Line(format!("table {table} seated")))
            .unwrap();
    }
    // `send` returned, but the lines are at best in the writer's buffer:
    // a BufWriter writes to the file only when its buffer is full (8 KiB
    // today) or when it is flushed.
    println!("after 5 sends: {} lines in the file", lines_in(&path)?);

    let (done_tx, done_rx) = mpsc::channel();
    log.send(LogMsg::Flush(done_tx)).unwrap();
    done_rx.recv().unwrap();
    println!("after a flush:  {} lines in the file", lines_in(&path)?);

    log.send(LogMsg::Line("kitchen closed".to_string()))
        .unwrap();
    // Shutdown: hang up, then wait for the writer's final flush.
    drop(log);
    writer.join().unwrap()?;
    println!("after shutdown: {} lines in the file", lines_in(&path)?);

    fs::remove_file(&path)
}
// ANCHOR_END: main
