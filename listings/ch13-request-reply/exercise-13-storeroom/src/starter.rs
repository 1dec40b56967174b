// ANCHOR: starter
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
pub fn run_storeroom(stock: Stock, requests: Receiver<Request>) -> Stock {
    for request in requests {
        match request {
            Request::Take { item, n, reply } => {
                // TODO: if there are at least `n` of `item`, take them and
                // answer `Ok(())`; if not, take nothing and answer
                // `Err(StockError::NotEnough { have })`. An item the stock
                // does not list counts as 0. (`stock` must become `mut`.)
                let _ = (item, n, reply);
            }
            Request::Count { item, reply } => {
                // TODO: answer how many of `item` there are.
                let _ = (item, reply);
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
        // TODO: make a reply channel, send `Request::Take` with its Sender
        // on `self.requests`, and wait for the answer. If the send fails or
        // no answer comes, return `Err(StockError::StoreroomClosed)`.
        let _ = (&self.requests, item, n);
        Err(StockError::StoreroomClosed)
    }

    /// How many of `item` the storeroom holds (0 for an unknown item).
    pub fn count(&self, item: &str) -> Result<u32, StockError> {
        // TODO: the same, with `Request::Count`.
        let _ = item;
        Err(StockError::StoreroomClosed)
    }
}

/// Starts the storeroom thread with `stock`. Join the thread, once every
/// handle is dropped, to get what is left.
pub fn open(stock: Stock) -> (Storeroom, JoinHandle<Stock>) {
    let (requests, inbox) = mpsc::channel();
    let thread = thread::spawn(move || run_storeroom(stock, inbox));
    (Storeroom::new(requests), thread)
}
// ANCHOR_END: starter
