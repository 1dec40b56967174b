// ANCHOR: starter
use std::sync::mpsc;
use std::thread;

/// A ticket: which waiter wrote it, and that waiter's running number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ticket {
    pub waiter: usize,
    pub number: u32,
}

/// A ticket that a cook has finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cooked {
    pub cook: usize,
    pub ticket: Ticket,
}

/// Runs the kitchen until every ticket is cooked.
///
/// Waiter `w` (a thread of its own) writes the tickets numbered
/// `0..orders[w]`, in that order. `cooks` cook threads, numbered `0..cooks`,
/// share ONE rail of tickets: each ticket is cooked by exactly one cook,
/// which calls `cook(its number, ticket)` and then reports a `Cooked`.
/// Returns every report, once all waiters and cooks are done.
pub fn kitchen<F>(orders: &[u32], cooks: usize, cook: F) -> Vec<Cooked>
where
    F: Fn(usize, Ticket) + Clone + Send + 'static,
{
    // The ticket rail: many waiters, and (for now) one cook.
    let (ticket_tx, ticket_rx) = mpsc::channel::<Ticket>();
    for (waiter, &count) in orders.iter().enumerate() {
        let ticket_tx = ticket_tx.clone();
        thread::spawn(move || {
            for number in 0..count {
                ticket_tx.send(Ticket { waiter, number }).unwrap();
            }
        });
    }
    drop(ticket_tx);

    // The reports: many cooks, one reader.
    let (cooked_tx, cooked_rx) = mpsc::channel::<Cooked>();
    // TODO: std's `Receiver` is not `Clone`, so one cook owns the whole rail
    // and `cooks` is ignored. Make the rail a crossbeam-channel and start
    // `cooks` cooks, numbered `0..cooks`, each with its own clone of the
    // receiver (and of `cook`, and of `cooked_tx`).
    let _ = cooks;
    thread::spawn(move || {
        for ticket in ticket_rx {
            cook(0, ticket);
            cooked_tx.send(Cooked { cook: 0, ticket }).unwrap();
        }
    });
    // Ends once every cook has dropped its `cooked_tx`.
    cooked_rx.iter().collect()
}
// ANCHOR_END: starter
