use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

enum Request {
    Book { party: u32, reply: Sender<bool> },
    FreeTables { reply: Sender<u32> },
}

#[derive(Clone)]
struct Desk {
    inbox: Sender<Request>,
}

impl Desk {
    fn book(&self, party: u32) -> bool {
        let (reply, answer) = mpsc::channel();
        self.inbox.send(Request::Book { party, reply }).unwrap();
        answer.recv().unwrap()
    }

    fn free_tables(&self) -> u32 {
        let (reply, answer) = mpsc::channel();
        self.inbox.send(Request::FreeTables { reply }).unwrap();
        answer.recv().unwrap()
    }
}

fn run_desk(inbox: Receiver<Request>, desk: Desk) {
    let mut free = 5;
    for request in inbox {
        match request {
            Request::Book { party, reply } => {
                free -= 1;
                // Asks its own inbox, which only this thread reads.
                println!("booked for {party}; free tables: {}", desk.free_tables());
                let _ = reply.send(true);
            }
            Request::FreeTables { reply } => {
                let _ = reply.send(free);
            }
        }
    }
}

fn main() {
    let (inbox_tx, inbox_rx) = mpsc::channel();
    let desk = Desk { inbox: inbox_tx };
    let own_handle = desk.clone();
    let desk_thread = thread::spawn(move || run_desk(inbox_rx, own_handle));
    println!("Ana books a table for 2");
    println!("booked: {}", desk.book(2));
    drop(desk);
    desk_thread.join().unwrap();
}
