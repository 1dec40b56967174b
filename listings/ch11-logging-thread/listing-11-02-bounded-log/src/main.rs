use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::sync::mpsc::{self, Receiver, TrySendError};
use std::thread;

const COOKS: u32 = 3;
const LINES_PER_COOK: u32 = 10;
const RAIL: usize = 8;

// ANCHOR: writer
/// Like the writer of Listing 11-1, but it starts slowly: it takes nothing
/// off the channel until `disk_ready` says so (a stand-in for a slow disk).
fn write_log(lines: Receiver<String>, disk_ready: Receiver<()>, file: File) -> io::Result<u32> {
    let _ = disk_ready.recv();
    let mut out = BufWriter::new(file);
    let mut written = 0;
    for line in lines {
        writeln!(out, "{line}")?;
        written += 1;
    }
    out.flush()?;
    Ok(written)
}
// ANCHOR_END: writer

fn main() -> io::Result<()> {
    let path = std::env::temp_dir().join(format!("kitchen-log-{}.txt", std::process::id()));
    let file = File::create(&path)?;

    // ANCHOR: bounded
    // At most RAIL lines wait in memory, however fast the cooks log.
    let (log, lines) = mpsc::sync_channel::<String>(RAIL);
    let (disk_ready_tx, disk_ready) = mpsc::channel::<()>();
    let writer = thread::spawn(move || write_log(lines, disk_ready, file));

    // Each cook tells us, once, when it first finds the channel full, and
    // how many of its lines went in before that.
    let (full_tx, full_rx) = mpsc::channel::<u32>();
    let mut cooks = Vec::new();
    for cook in 1..=COOKS {
        let log = log.clone();
        let full = full_tx.clone();
        cooks.push(thread::spawn(move || {
            let mut queued_before_full = 0;
            let mut reported = false;
            for seq in 1..=LINES_PER_COOK {
                let line = format!("cook {cook} line {seq:02}");
                match log.try_send(line) {
                    Ok(()) if !reported => queued_before_full += 1,
                    Ok(()) => {}
                    Err(TrySendError::Full(line)) => {
                        if !reported {
                            full.send(queued_before_full).unwrap();
                            reported = true;
                        }
                        // No room: wait in `send` until the writer makes some.
                        log.send(line).unwrap();
                    }
                    Err(TrySendError::Disconnected(_)) => panic!("the writer is gone"),
                }
            }
        }));
    }
    drop(log);
    drop(full_tx);
    // ANCHOR_END: bounded

    // ANCHOR: observe
    // The writer has taken nothing yet, and each cook has more lines than
    // the channel has room for, so every cook must find it full. `recv` is
    // safe here: these reports are certain to come.
    let queued: u32 = (0..COOKS).map(|_| full_rx.recv().unwrap()).sum();
    println!("disk not ready: all {COOKS} cooks found the channel full");
    println!("lines queued meanwhile: {queued} (the bound is {RAIL})");

    // The disk is ready: the writer drains, and blocked sends go through.
    disk_ready_tx.send(()).unwrap();
    // ANCHOR_END: observe
    for cook in cooks {
        cook.join().unwrap();
    }
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
