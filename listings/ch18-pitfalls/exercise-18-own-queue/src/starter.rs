// ANCHOR: starter
use std::sync::mpsc;
use std::thread;

/// One order: a main dish for `table`, served with `sides` side dishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Order {
    pub table: u32,
    pub sides: u32,
}

/// One thing the chef cooks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Task {
    Main(Order),
    /// Side number `side` (counting from 1) of `table`'s order.
    Side {
        table: u32,
        side: u32,
    },
}

/// A waiter thread puts one `Task::Main` per order on a rail of `bound`
/// tickets. The chef, on the calling thread, cooks each task it gets; a main
/// dish brings the order's sides as more work. Returns every task in the
/// order the chef cooked it.
pub fn run_kitchen(orders: Vec<Order>, bound: usize) -> Vec<Task> {
    let (rail, tasks) = mpsc::sync_channel(bound);
    let follow_up = rail.clone();
    let waiter = thread::spawn(move || {
        for order in orders {
            rail.send(Task::Main(order)).unwrap();
        }
    });

    let mut cooked = Vec::new();
    // TODO: the tests time out in this loop. Find the two ways the chef
    // ends up waiting for itself, and keep the sides off the rail.
    for task in tasks.iter() {
        cooked.push(task);
        if let Task::Main(order) = task {
            for side in 1..=order.sides {
                let table = order.table;
                follow_up.send(Task::Side { table, side }).unwrap();
            }
        }
    }
    waiter.join().unwrap();
    cooked
}
// ANCHOR_END: starter
