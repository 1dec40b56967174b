use std::fmt;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, SyncSender};
use std::thread;
use std::time::Duration;

const TABLES: usize = 6;

#[derive(Debug)]
enum BookingError {
    Taken { by: String },
    NoAnswer,
    DeskClosed,
}

impl fmt::Display for BookingError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            BookingError::Taken { by } => write!(f, "refused, {by} has it"),
            BookingError::NoAnswer => write!(f, "no answer in time, gave up"),
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

/// This desk only takes reservations, so one struct is enough.
struct Reserve {
    table: usize,
    guest: String,
    reply: SyncSender<Result<(), BookingError>>,
}

/// Serves reservations and returns how many answers nobody received.
fn run_desk(requests: Receiver<Reserve>) -> usize {
    let mut book: Vec<Option<String>> = vec![None; TABLES];
    let unheard = 0;
    for Reserve {
        table,
        guest,
        reply,
    } in requests
    {
        let slot = &mut book[table - 1];
        let answer = match slot {
            Some(holder) => Err(BookingError::Taken { by: holder.clone() }),
            None => {
                *slot = Some(guest.clone());
                Ok(())
            }
        };
        // ANCHOR: shown
        reply.send(answer).unwrap();
        // ANCHOR_END: shown
    }
    unheard
}

#[derive(Clone)]
struct Desk {
    requests: Sender<Reserve>,
}

impl Desk {
    /// Queues a reservation and hands back the receiver for its answer.
    fn request(
        &self,
        table: usize,
        guest: &str,
    ) -> Result<Receiver<Result<(), BookingError>>, BookingError> {
        let (reply, answer) = mpsc::sync_channel(1);
        let guest = guest.to_string();
        self.requests
            .send(Reserve {
                table,
                guest,
                reply,
            })
            .map_err(|_| BookingError::DeskClosed)?;
        Ok(answer)
    }

    /// Waits for the answer as long as it takes.
    fn reserve(&self, table: usize, guest: &str) -> Result<(), BookingError> {
        let answer = self.request(table, guest)?;
        answer.recv().map_err(|_| BookingError::DeskClosed)?
    }

    /// Waits at most `patience`. Giving up drops `answer`, so a late reply
    /// from the desk has nowhere to go; the request itself is not undone.
    fn reserve_within(
        &self,
        table: usize,
        guest: &str,
        patience: Duration,
    ) -> Result<(), BookingError> {
        let answer = self.request(table, guest)?;
        match answer.recv_timeout(patience) {
            Ok(result) => result,
            Err(RecvTimeoutError::Timeout) => Err(BookingError::NoAnswer),
            Err(RecvTimeoutError::Disconnected) => Err(BookingError::DeskClosed),
        }
    }
}

fn main() {
    let (requests, inbox) = mpsc::channel();
    let desk = Desk { requests };

    // The desk is still opening: nobody reads `inbox` yet, so no answer can
    // come, and Ana's 20 ms of patience are certain to run out.
    let patience = Duration::from_millis(20);
    let first = desk.reserve_within(4, "Ana", patience);
    println!("Ana books table 4: {}", outcome(first));

    // Now the desk opens and finds Ana's request waiting in its inbox.
    let desk_thread = thread::spawn(move || run_desk(inbox));
    println!("Ana asks again: {}", outcome(desk.reserve(4, "Ana")));

    drop(desk);
    let unheard = desk_thread.join().unwrap();
    println!("desk closed; answers nobody heard: {unheard}");
}
