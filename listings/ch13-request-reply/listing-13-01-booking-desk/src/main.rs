// ANCHOR: all
use std::fmt;
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::thread;

const TABLES: usize = 6;
const WINDOW_TABLE: usize = 6;

// ANCHOR: request
#[derive(Debug)]
enum BookingError {
    Taken { by: String },
    NotYours,
    NoSuchTable,
    DeskClosed,
}

/// Every request carries the Sender on which the desk must answer it.
enum Request {
    Reserve {
        table: usize,
        guest: String,
        reply: SyncSender<Result<(), BookingError>>,
    },
    Cancel {
        table: usize,
        guest: String,
        reply: SyncSender<Result<(), BookingError>>,
    },
    FreeTables {
        reply: SyncSender<Vec<usize>>,
    },
}
// ANCHOR_END: request

impl fmt::Display for BookingError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            BookingError::Taken { by } => write!(f, "refused, {by} has it"),
            BookingError::NotYours => write!(f, "refused, not your table"),
            BookingError::NoSuchTable => write!(f, "refused, no such table"),
            BookingError::DeskClosed => write!(f, "failed, the desk is closed"),
        }
    }
}

/// How a waiter reports the answer to a reservation or a cancellation.
fn outcome(result: Result<(), BookingError>) -> String {
    match result {
        Ok(()) => "done".to_string(),
        Err(e) => e.to_string(),
    }
}

/// The slot for table `t` (tables are numbered from 1), if there is one.
fn slot(book: &mut [Option<String>], t: usize) -> Option<&mut Option<String>> {
    book.get_mut(t.checked_sub(1)?)
}

// ANCHOR: desk
/// The booking desk: the only thread that ever touches the book, so the
/// book needs no lock. It runs until every client handle is gone.
fn run_desk(requests: Receiver<Request>) -> Vec<Option<String>> {
    // book[t - 1] is the guest who has table t, if any.
    let mut book: Vec<Option<String>> = vec![None; TABLES];
    for request in requests {
        match request {
            Request::Reserve {
                table,
                guest,
                reply,
            } => {
                let answer = match slot(&mut book, table) {
                    None => Err(BookingError::NoSuchTable),
                    Some(Some(holder)) => Err(BookingError::Taken { by: holder.clone() }),
                    Some(slot) => {
                        *slot = Some(guest);
                        Ok(())
                    }
                };
                // A client that stopped waiting has dropped its receiver.
                // That is no reason to stop serving everyone else.
                let _ = reply.send(answer);
            }
            Request::Cancel {
                table,
                guest,
                reply,
            } => {
                let answer = match slot(&mut book, table) {
                    None => Err(BookingError::NoSuchTable),
                    Some(slot) if slot.as_deref() == Some(guest.as_str()) => {
                        *slot = None;
                        Ok(())
                    }
                    Some(_) => Err(BookingError::NotYours),
                };
                let _ = reply.send(answer);
            }
            Request::FreeTables { reply } => {
                let free = (1..=TABLES).filter(|t| book[t - 1].is_none()).collect();
                let _ = reply.send(free);
            }
        }
    }
    book
}
// ANCHOR_END: desk

// ANCHOR: handle
/// What clients hold: a typed handle instead of a raw Sender<Request>.
#[derive(Clone)]
struct Desk {
    requests: Sender<Request>,
}

impl Desk {
    /// Sends one request with a fresh reply channel and waits for the answer.
    fn ask<T>(&self, request: impl FnOnce(SyncSender<T>) -> Request) -> Result<T, BookingError> {
        // Room for exactly one answer: the desk's send never has to wait.
        let (reply, answer) = mpsc::sync_channel(1);
        self.requests
            .send(request(reply))
            .map_err(|_| BookingError::DeskClosed)?;
        // Err here means the desk dropped our reply Sender without
        // answering: it is gone. We get an error, not a hang.
        answer.recv().map_err(|_| BookingError::DeskClosed)
    }

    fn reserve(&self, table: usize, guest: &str) -> Result<(), BookingError> {
        let guest = guest.to_string();
        self.ask(|reply| Request::Reserve {
            table,
            guest,
            reply,
        })?
    }

    fn cancel(&self, table: usize, guest: &str) -> Result<(), BookingError> {
        let guest = guest.to_string();
        self.ask(|reply| Request::Cancel {
            table,
            guest,
            reply,
        })?
    }

    fn free_tables(&self) -> Result<Vec<usize>, BookingError> {
        self.ask(|reply| Request::FreeTables { reply })
    }
}
// ANCHOR_END: handle

fn main() {
    // ANCHOR: main
    let (requests, inbox) = mpsc::channel();
    let desk_thread = thread::spawn(move || run_desk(inbox));
    let desk = Desk { requests };

    let guests = ["Ana", "Ben", "Cara", "Dev"];
    let mut waiters = Vec::new();
    for (table, guest) in (1..).zip(guests) {
        let desk = desk.clone();
        waiters.push(thread::spawn(move || {
            let mut log = Vec::new();
            let result = outcome(desk.reserve(table, guest));
            log.push(format!("{guest} books table {table}: {result}"));
            // Everyone wants the window table; only one can have it.
            let result = outcome(desk.reserve(WINDOW_TABLE, guest));
            log.push(format!("{guest} books table {WINDOW_TABLE}: {result}"));
            log
        }));
    }
    for waiter in waiters {
        for line in waiter.join().unwrap() {
            println!("{line}");
        }
    }

    println!("Ben cancels table 2: {}", outcome(desk.cancel(2, "Ben")));
    println!("Ana cancels table 3: {}", outcome(desk.cancel(3, "Ana")));
    println!("Eve books table 9: {}", outcome(desk.reserve(9, "Eve")));
    println!("free tables: {:?}", desk.free_tables().unwrap());

    // The last handle goes; the desk's loop ends and it returns the book.
    drop(desk);
    let book = desk_thread.join().unwrap();
    for (table, guest) in (1..).zip(book) {
        println!(
            "final: table {table}: {}",
            guest.as_deref().unwrap_or("free")
        );
    }
    // ANCHOR_END: main
}
// ANCHOR_END: all
