// ANCHOR: solution
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
    // The ticket rail: many waiters and many cooks, so crossbeam-channel.
    // The waiters' code is unchanged: `send` looks the same as std's.
    let (ticket_tx, ticket_rx) = crossbeam_channel::unbounded::<Ticket>();
    for (waiter, &count) in orders.iter().enumerate() {
        let ticket_tx = ticket_tx.clone();
        thread::spawn(move || {
            for number in 0..count {
                ticket_tx.send(Ticket { waiter, number }).unwrap();
            }
        });
    }
    drop(ticket_tx);

    // The reports: many cooks, one reader, which is what std's is for.
    let (cooked_tx, cooked_rx) = mpsc::channel::<Cooked>();
    for number in 0..cooks {
        // A cloned crossbeam receiver shares the rail: each ticket goes to
        // whichever cook asks first, and never to two.
        let ticket_rx = ticket_rx.clone();
        let cooked_tx = cooked_tx.clone();
        let cook = cook.clone();
        thread::spawn(move || {
            // Ends once every waiter is gone and the rail is empty.
            for ticket in ticket_rx {
                cook(number, ticket);
                cooked_tx
                    .send(Cooked {
                        cook: number,
                        ticket,
                    })
                    .unwrap();
            }
        });
    }
    // Only the cooks' clones may keep the reports channel open.
    drop(cooked_tx);
    cooked_rx.iter().collect()
}
// ANCHOR_END: solution
