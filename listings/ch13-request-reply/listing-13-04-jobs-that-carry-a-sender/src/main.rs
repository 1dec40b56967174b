// ANCHOR: all
use std::sync::mpsc::{self, Sender};
use std::time::Duration;

/// A job that can put follow-up jobs on the rail it came from.
struct Job {
    dish: &'static str,
    rail: Sender<Job>,
}

fn main() {
    // ANCHOR: queued
    let (tx, rx) = mpsc::channel();
    for dish in ["steak", "dessert"] {
        tx.send(Job {
            dish,
            rail: tx.clone(),
        })
        .unwrap();
    }
    drop(tx); // main's own Sender is gone; each queued job still owns one

    let mut set_aside = Vec::new();
    loop {
        match rx.recv_timeout(Duration::from_millis(20)) {
            Ok(job) if job.dish == "steak" => {
                println!("cooking steak; it needs sauce");
                let rail = job.rail.clone();
                job.rail
                    .send(Job {
                        dish: "sauce",
                        rail,
                    })
                    .unwrap();
            }
            Ok(job) if job.dish == "dessert" => {
                println!("dessert waits for the table to finish");
                set_aside.push(job); // and with it, a Sender of this rail
            }
            Ok(job) => println!("cooking {}", job.dish),
            Err(e) => {
                println!("rail: {e:?}");
                break;
            }
        }
    }
    // ANCHOR_END: queued

    // ANCHOR: release
    drop(set_aside);
    println!("after the set-aside job is dropped: {:?}", rx.recv().err());
    // ANCHOR_END: release
}
// ANCHOR_END: all
