// ANCHOR: all
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread;

enum Event {
    Cooked(String, &'static str),
    Died(String),
    Finished(String),
}

// ANCHOR: guard
/// Lives on the worker's stack. Its `drop` runs however the thread ends:
/// at the end of the closure, or while a panic unwinds through it.
struct Guard {
    name: String,
    events: Sender<Event>,
}

impl Drop for Guard {
    fn drop(&mut self) {
        let name = self.name.clone();
        let event = if thread::panicking() {
            Event::Died(name)
        } else {
            Event::Finished(name)
        };
        // The supervisor may be gone already; a guard must never panic.
        let _ = self.events.send(event);
    }
}
// ANCHOR_END: guard

type Jobs = Arc<Mutex<Receiver<&'static str>>>;

fn start_cook(name: &str, jobs: Jobs, events: Sender<Event>) {
    let name = name.to_string();
    thread::Builder::new()
        .name(name.clone())
        .spawn(move || {
            let _guard = Guard {
                name: name.clone(),
                events: events.clone(),
            };
            loop {
                // The lock is released at the end of this statement.
                let Ok(dish) = jobs.lock().unwrap().recv() else {
                    break;
                };
                if dish == "mystery mushroom" {
                    panic!("{name} cannot cook {dish}");
                }
                events.send(Event::Cooked(name.clone(), dish)).unwrap();
            }
        })
        .unwrap(); // the JoinHandle is dropped: nobody will join this thread
}

fn main() {
    let (job_tx, job_rx) = mpsc::channel();
    for dish in ["soup", "bread", "mystery mushroom", "steak", "pie"] {
        job_tx.send(dish).unwrap();
    }
    drop(job_tx);
    let jobs: Jobs = Arc::new(Mutex::new(job_rx));

    // ANCHOR: supervisor
    let (event_tx, events) = mpsc::channel();
    start_cook("cook-1", Arc::clone(&jobs), event_tx.clone());
    let mut cooks = 1;
    let mut hired = 1;
    while cooks > 0 {
        match events.recv().unwrap() {
            Event::Cooked(cook, dish) => println!("{cook} cooked {dish}"),
            Event::Died(cook) => {
                hired += 1;
                let new_cook = format!("cook-{hired}");
                println!("{cook} died; {new_cook} takes over");
                start_cook(&new_cook, Arc::clone(&jobs), event_tx.clone());
            }
            Event::Finished(cook) => {
                println!("{cook} finished: no jobs left");
                cooks -= 1;
            }
        }
    }
    // ANCHOR_END: supervisor
}
// ANCHOR_END: all
