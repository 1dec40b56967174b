// ANCHOR: starter
use crossbeam_channel::{Receiver, select};

/// What the chef heard, and how many turns the loop took to hear it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Heard {
    /// The ticket numbers from `orders`, in the order they arrived.
    pub orders: Vec<u32>,
    /// The manager's notes, in the order they arrived.
    pub notes: Vec<String>,
    /// How many times the loop went round (one `select!` per turn).
    pub turns: usize,
}

/// Listens to both channels until BOTH are closed and drained, without
/// going round the loop for nothing in between.
pub fn listen(orders: Receiver<u32>, notes: Receiver<String>) -> Heard {
    let mut heard = Heard::default();
    loop {
        heard.turns += 1;
        select! {
            recv(orders) -> msg => match msg {
                Ok(ticket) => heard.orders.push(ticket),
                // TODO: one channel closing is not the end: the other may
                // still have messages to come. But a closed channel's arm
                // is ready on every turn, so just carrying on would spin.
                Err(_) => break,
            },
            recv(notes) -> msg => match msg {
                Ok(note) => heard.notes.push(note),
                Err(_) => break,
            },
        }
    }
    heard
}
// ANCHOR_END: starter
