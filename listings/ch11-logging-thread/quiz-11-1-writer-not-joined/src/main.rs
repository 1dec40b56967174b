use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{self, Receiver};
use std::thread;

struct Record {
    cook: u32,
    seq: u32,
    text: String,
}

fn checksum(line: &str) -> u32 {
    line.bytes().map(u32::from).sum::<u32>() % 65536
}

// How far behind the writer is when `main` returns varies from run to run.
// This program makes one case certain: the writer has all 18 lines in its
// `BufWriter`, and before it flushes them it waits for a slow disk.
fn wait_for_a_slow_disk() -> ! {
    loop {
        thread::park();
    }
}

fn write_log(records: Receiver<Record>, file: File) -> io::Result<u32> {
    let mut out = BufWriter::new(file);
    let mut written = 0;
    for record in records {
        let line = format!(
            "cook {} line {:02}: {}",
            record.cook, record.seq, record.text
        );
        writeln!(out, "{line} #{:04x}", checksum(&line))?;
        written += 1;
        if written == 18 {
            wait_for_a_slow_disk();
        }
    }
    out.flush()?;
    Ok(written)
}

// ANCHOR: shown
fn kitchen(path: &Path) -> io::Result<()> {
    let file = File::create(path)?;
    let (log, records) = mpsc::channel::<Record>();
    // The writer's JoinHandle is dropped: nobody will wait for it.
    thread::spawn(move || write_log(records, file));

    let mut cooks = Vec::new();
    for cook in 1..=3 {
        let log = log.clone();
        cooks.push(thread::spawn(move || {
            for seq in 1..=6 {
                let text = format!("plated order {} for table {}", seq * 10 + cook, cook);
                log.send(Record { cook, seq, text }).unwrap();
            }
        }));
    }
    drop(log);
    for cook in cooks {
        cook.join().unwrap();
    }
    Ok(())
}
// ANCHOR_END: shown

// The kitchen runs in a process of its own, started again from this same
// program, so that this one can look at the file once that process is gone.
fn main() -> io::Result<()> {
    let mut args = std::env::args_os().skip(1);
    if let Some(path) = args.next() {
        return kitchen(Path::new(&path));
    }
    let path: PathBuf =
        std::env::temp_dir().join(format!("kitchen-log-{}.txt", std::process::id()));
    let status = Command::new(std::env::current_exe()?).arg(&path).status()?;
    let contents = fs::read_to_string(&path)?;
    fs::remove_file(&path)?;
    println!("the kitchen's process ended: {status}");
    println!("lines in the file: {}", contents.lines().count());
    Ok(())
}
