// ANCHOR: solution
use std::collections::VecDeque;
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
    // The waiter owns the only Sender, so the rail closes when it is done.
    let (rail, tasks) = mpsc::sync_channel(bound);
    let waiter = thread::spawn(move || {
        for order in orders {
            rail.send(Task::Main(order)).unwrap();
        }
    });

    let mut cooked = Vec::new();
    // The sides are the chef's own work, so they go on a notepad that never
    // leaves this thread: it cannot fill up, and it needs no Sender. The
    // chef cooks from the notepad first and waits on the rail only when the
    // notepad is empty.
    let mut notepad = VecDeque::new();
    while let Some(task) = notepad.pop_front().or_else(|| tasks.recv().ok()) {
        cooked.push(task);
        if let Task::Main(order) = task {
            let table = order.table;
            notepad.extend((1..=order.sides).map(|side| Task::Side { table, side }));
        }
    }
    waiter.join().unwrap();
    cooked
}
// ANCHOR_END: solution
