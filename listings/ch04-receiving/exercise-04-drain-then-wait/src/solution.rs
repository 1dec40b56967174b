// ANCHOR: solution
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

/// What the chef found in one look at the rail.
#[derive(Debug, PartialEq)]
pub enum Look {
    /// Tickets to cook, oldest first. Never empty.
    Tickets(Vec<String>),
    /// Nothing came within the patience; the rail is still open.
    Quiet,
    /// The rail is empty and every waiter has gone: nothing will ever come.
    Closed,
}

/// Takes every ticket already on the rail, without waiting. Only if there
/// was none, waits at most `patience` for one, then takes whatever else has
/// arrived with it.
pub fn look_at_rail(rail: &Receiver<String>, patience: Duration) -> Look {
    // `try_iter` stops at the first empty moment, even with waiters alive.
    let waiting: Vec<String> = rail.try_iter().collect();
    if !waiting.is_empty() {
        return Look::Tickets(waiting);
    }
    match rail.recv_timeout(patience) {
        Ok(first) => {
            let mut tickets = vec![first];
            tickets.extend(rail.try_iter());
            Look::Tickets(tickets)
        }
        Err(RecvTimeoutError::Timeout) => Look::Quiet,
        // Returned at once, without waiting out `patience`.
        Err(RecvTimeoutError::Disconnected) => Look::Closed,
    }
}
// ANCHOR_END: solution
