// ANCHOR: solution
use crossbeam_channel::{Receiver, never, select};

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
pub fn listen(mut orders: Receiver<u32>, mut notes: Receiver<String>) -> Heard {
    let mut heard = Heard::default();
    let mut open = 2;
    while open > 0 {
        heard.turns += 1;
        select! {
            recv(orders) -> msg => match msg {
                Ok(ticket) => heard.orders.push(ticket),
                Err(_) => {
                    // Never ready again: this arm is out of the select.
                    orders = never();
                    open -= 1;
                }
            },
            recv(notes) -> msg => match msg {
                Ok(note) => heard.notes.push(note),
                Err(_) => {
                    notes = never();
                    open -= 1;
                }
            },
        }
    }
    heard
}
// ANCHOR_END: solution
