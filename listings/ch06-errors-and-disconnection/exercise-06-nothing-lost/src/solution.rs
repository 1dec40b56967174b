// ANCHOR: solution
use std::sync::mpsc::{SendError, SyncSender};

/// One order from the dining room.
#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    pub table: u32,
    pub dish: String,
}

/// Hands the orders to the kitchen one by one, in order, over a rendezvous
/// channel (`sync_channel(0)`), where `Ok` from `send` means the kitchen has
/// taken the order. If the kitchen closes, returns every order it did not
/// take, still in order, so that none is lost. Returns an empty `Vec` when
/// the kitchen took them all.
pub fn hand_over(kitchen: &SyncSender<Order>, orders: Vec<Order>) -> Vec<Order> {
    let mut unsent = Vec::new();
    for order in orders {
        if !unsent.is_empty() {
            // A closed kitchen never opens again: keep the rest untried.
            unsent.push(order);
        } else if let Err(SendError(order)) = kitchen.send(order) {
            // `order` moved into `send`; the error moves it back out.
            unsent.push(order);
        }
    }
    unsent
}
// ANCHOR_END: solution
