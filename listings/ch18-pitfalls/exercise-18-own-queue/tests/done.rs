use exercise_18_own_queue::{Order, Task, run_kitchen};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

/// Runs the kitchen on a thread of its own and waits at most 2 s for it, so
/// a chef that waits for itself fails the test instead of hanging it.
fn run_within_2s(orders: &[Order], bound: usize) -> Vec<Task> {
    let (done_tx, done_rx) = mpsc::channel();
    let orders = orders.to_vec();
    thread::spawn(move || done_tx.send(run_kitchen(orders, bound)).unwrap());
    match done_rx.recv_timeout(Duration::from_secs(2)) {
        Ok(cooked) => cooked,
        Err(RecvTimeoutError::Timeout) => panic!(
            "`run_kitchen` did not return within 2 s: is the chef waiting for itself, \
             in `send` on a full rail or for a rail that never closes?"
        ),
        Err(RecvTimeoutError::Disconnected) => {
            panic!("`run_kitchen` panicked (see its message above)")
        }
    }
}

fn order(table: u32, sides: u32) -> Order {
    Order { table, sides }
}

/// Everything that must hold, whatever order the chef picks: each task is
/// cooked exactly once, mains in the order they were taken, and each side
/// after its own main, in order.
fn check(orders: &[Order], cooked: &[Task]) {
    let mut expected: Vec<Task> = Vec::new();
    for &o in orders {
        expected.push(Task::Main(o));
        let table = o.table;
        expected.extend((1..=o.sides).map(|side| Task::Side { table, side }));
    }
    let (mut got, mut want) = (cooked.to_vec(), expected);
    got.sort();
    want.sort();
    assert_eq!(got, want, "every task, each exactly once");

    let mains: Vec<Order> = cooked
        .iter()
        .filter_map(|t| match t {
            Task::Main(o) => Some(*o),
            Task::Side { .. } => None,
        })
        .collect();
    assert_eq!(mains, orders, "mains in the order they were taken");

    for o in orders {
        let of_this_table: Vec<&Task> = cooked
            .iter()
            .filter(|t| match t {
                Task::Main(m) => m.table == o.table,
                Task::Side { table, .. } => *table == o.table,
            })
            .collect();
        let mut in_order = vec![Task::Main(*o)];
        let table = o.table;
        in_order.extend((1..=o.sides).map(|side| Task::Side { table, side }));
        assert_eq!(
            of_this_table,
            in_order.iter().collect::<Vec<_>>(),
            "table {table}: the main first, then its sides in order"
        );
    }
}

#[test]
fn every_task_is_cooked_once() {
    let orders = [order(1, 2), order(2, 0), order(3, 1)];
    check(&orders, &run_within_2s(&orders, 4));
}

#[test]
fn more_sides_than_the_rail_holds() {
    let orders = [order(1, 5), order(2, 3), order(3, 6)];
    check(&orders, &run_within_2s(&orders, 2));
}

#[test]
fn a_rendezvous_rail_works_too() {
    let orders: Vec<Order> = (1..=20).map(|table| order(table, table % 4)).collect();
    check(&orders, &run_within_2s(&orders, 0));
}

#[test]
fn no_orders_no_cooking() {
    assert!(run_within_2s(&[], 1).is_empty());
}
