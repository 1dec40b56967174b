// ANCHOR: all
use std::fmt;
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::thread;

const TABLES: usize = 6;

#[derive(Debug)]
enum BookingError {
    Taken { by: String },
    DeskClosed,
}

impl fmt::Display for BookingError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            BookingError::Taken { by } => write!(f, "refused, {by} has it"),
            BookingError::DeskClosed => write!(f, "failed, the desk is closed"),
        }
    }
}

fn outcome(result: Result<(), BookingError>) -> String {
    match result {
        Ok(()) => "done".to_string(),
        Err(e) => e.to_string(),
    }
}

struct Reserve {
    table: usize,
    guest: String,
    reply: SyncSender<Result<(), BookingError>>,
}

// ANCHOR: desk
fn run_desk(requests: Receiver<Reserve>) {
    let mut book: Vec<Option<String>> = vec![None; TABLES];
    for Reserve {
        table,
        guest,
        reply,
    } in requests
    {
        // A bug: the desk trusts the table number. Table 99 is out of
        // bounds, and this line panics.
        let slot = &mut book[table - 1];
        let answer = match slot {
            Some(holder) => Err(BookingError::Taken { by: holder.clone() }),
            None => {
                *slot = Some(guest);
                Ok(())
            }
        };
        let _ = reply.send(answer);
    }
}
// ANCHOR_END: desk

// ANCHOR: handle
struct Desk {
    requests: Sender<Reserve>,
}

impl Desk {
    fn reserve(&self, table: usize, guest: &str) -> Result<(), BookingError> {
        let (reply, answer) = mpsc::sync_channel(1);
        let guest = guest.to_string();
        // Fails if the desk's Receiver is gone.
        self.requests
            .send(Reserve {
                table,
                guest,
                reply,
            })
            .map_err(|_| BookingError::DeskClosed)?;
        // Fails if our `reply` Sender was dropped without an answer: by a
        // desk that panicked while holding it, or by a Receiver that was
        // dropped with our request still queued in it.
        answer.recv().map_err(|_| BookingError::DeskClosed)?
    }
}
// ANCHOR_END: handle

fn main() {
    // ANCHOR: main
    let (requests, inbox) = mpsc::channel();
    let desk_thread = thread::spawn(move || run_desk(inbox));
    let desk = Desk { requests };

    println!("Ana books table 2: {}", outcome(desk.reserve(2, "Ana")));
    println!("Ben books table 99: {}", outcome(desk.reserve(99, "Ben")));
    println!("Cara books table 3: {}", outcome(desk.reserve(3, "Cara")));

    match desk_thread.join() {
        Ok(()) => println!("the desk thread ended normally"),
        Err(_) => println!("the desk thread panicked"),
    }
    // ANCHOR_END: main
}
// ANCHOR_END: all
