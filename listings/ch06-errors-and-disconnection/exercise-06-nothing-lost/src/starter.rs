// ANCHOR: starter
use std::sync::mpsc::SyncSender;

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
    for order in orders {
        // TODO: when `send` fails, the kitchen is closed. Get this order back
        // out of the error, and keep it and every order after it.
        let _ = kitchen.send(order);
    }
    Vec::new()
}
// ANCHOR_END: starter
