use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::thread;
/// One log entry. The writer thread turns it into one line of text.
struct Record {
    cook: u32,
    seq: u32,
    text: String,
}

/// A small checksum, so that a reader of the file can tell a whole line
/// from a torn or mixed one: the sum of the line's bytes, modulo 65536.
fn checksum(line: &str) -> u32 {
    line.bytes().map(u32::from).sum::<u32>() % 65536
}

// ANCHOR: shown
/// The only code that touches the file. It runs until every logger is gone.
fn write_log(records: Receiver<Record>, file: File) -> io::Result<u32> {
    let mut out = BufWriter::new(file);
    let mut written = 0;
    for record in records {
        let line = format!(
            "cook {} line {:02}: {}",
            record.cook, record.seq, record.text
        );
        // One thread writes, one whole line at a time: lines cannot mix.
        writeln!(out, "{line} #{:04x}", checksum(&line))?;
        written += 1;
    }
    // The channel is closed: flush what is still in the buffer, and report
    // an error if that fails (BufWriter's own drop would ignore it).
    out.flush()?;
    Ok(written)
}
// ANCHOR_END: shown

fn log_path() -> PathBuf {
    // Unique per process, so two runs never share a file.
    std::env::temp_dir().join(format!("kitchen-log-{}.txt", std::process::id()))
}
fn main() -> io::Result<()> {
    let path = log_path();
    let file = File::create(&path)?;
    let (log, records) = mpsc::channel::<Record>();
    let writer = thread::spawn(move || write_log(records, file));

    let mut cooks = Vec::new();
    for cook in 1..=3 {
        let log = log.clone();
        cooks.push(thread::spawn(move || {
            for seq in 1..=6 {
                let text = format!("plated order {} for table {}", seq * 10 + cook, cook);
                // Sending never waits for the disk: the cook is back at the
                // stove at once.
                log.send(Record { cook, seq, text }).unwrap();
            }
        }));
    }
    drop(log);
    for cook in cooks {
        cook.join().unwrap();
    }

    // Every logger is gone, so the writer's loop ends; joining it means the
    // buffer has been flushed and the file is complete.
    let written = writer.join().unwrap()?;
    let contents = fs::read_to_string(&path)?;
    fs::remove_file(&path)?;

    print!("{contents}");
    println!(
        "{written} lines written, {} in the file",
        contents.lines().count()
    );
    Ok(())
}
