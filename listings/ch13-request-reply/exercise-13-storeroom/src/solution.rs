// ANCHOR: solution
use std::collections::HashMap;
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::thread::{self, JoinHandle};

/// What the storeroom holds: item name and how many.
pub type Stock = HashMap<String, u32>;

#[derive(Debug, PartialEq)]
pub enum StockError {
    /// Fewer than asked for; nothing was taken. `have` is what there is.
    NotEnough { have: u32 },
    /// The storeroom thread is gone: the request could not be sent, or it
    /// was dropped without an answer.
    StoreroomClosed,
}

/// Every request carries the Sender on which the storeroom answers it.
pub enum Request {
    Take {
        item: String,
        n: u32,
        reply: SyncSender<Result<(), StockError>>,
    },
    Count {
        item: String,
        reply: SyncSender<u32>,
    },
}

/// The storeroom thread: the only code that touches the stock. Serves
/// requests until every handle is gone, then returns what is left.
pub fn run_storeroom(mut stock: Stock, requests: Receiver<Request>) -> Stock {
    for request in requests {
        match request {
            Request::Take { item, n, reply } => {
                let have = stock.get(&item).copied().unwrap_or(0);
                let answer = if have >= n {
                    stock.insert(item, have - n);
                    Ok(())
                } else {
                    Err(StockError::NotEnough { have })
                };
                // A cook who stopped waiting is no reason to stop serving
                // the others: ignore a failed reply.
                let _ = reply.send(answer);
            }
            Request::Count { item, reply } => {
                let _ = reply.send(stock.get(&item).copied().unwrap_or(0));
            }
        }
    }
    stock
}

/// What the cooks hold: clone it, one per cook.
#[derive(Clone)]
pub struct Storeroom {
    requests: Sender<Request>,
}

impl Storeroom {
    /// A handle that sends its requests on `requests`.
    pub fn new(requests: Sender<Request>) -> Self {
        Storeroom { requests }
    }

    /// Takes `n` of `item`, all or nothing.
    pub fn take(&self, item: &str, n: u32) -> Result<(), StockError> {
        let item = item.to_string();
        self.ask(|reply| Request::Take { item, n, reply })?
    }

    /// How many of `item` the storeroom holds (0 for an unknown item).
    pub fn count(&self, item: &str) -> Result<u32, StockError> {
        let item = item.to_string();
        self.ask(|reply| Request::Count { item, reply })
    }

    /// Sends one request with a fresh reply channel and waits for the answer.
    fn ask<T>(&self, request: impl FnOnce(SyncSender<T>) -> Request) -> Result<T, StockError> {
        // Room for the one answer, so the storeroom never waits to reply.
        let (reply, answer) = mpsc::sync_channel(1);
        self.requests
            .send(request(reply))
            .map_err(|_| StockError::StoreroomClosed)?;
        // If the request is dropped unanswered, so is `reply`, and `recv`
        // returns Err instead of waiting forever.
        answer.recv().map_err(|_| StockError::StoreroomClosed)
    }
}

/// Starts the storeroom thread with `stock`. Join the thread, once every
/// handle is dropped, to get what is left.
pub fn open(stock: Stock) -> (Storeroom, JoinHandle<Stock>) {
    let (requests, inbox) = mpsc::channel();
    let thread = thread::spawn(move || run_storeroom(stock, inbox));
    (Storeroom::new(requests), thread)
}
// ANCHOR_END: solution
