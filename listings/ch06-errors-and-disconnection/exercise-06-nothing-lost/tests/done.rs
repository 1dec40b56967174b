use exercise_06_nothing_lost::{Order, hand_over};
use std::sync::mpsc;
use std::thread;

fn orders(n: u32) -> Vec<Order> {
    (1..=n)
        .map(|table| Order {
            table,
            dish: format!("dish for table {table}"),
        })
        .collect()
}

#[test]
fn the_kitchen_closes_after_three_orders() {
    let (tx, rx) = mpsc::sync_channel::<Order>(0);
    // The chef takes three orders, then goes home and drops the receiver.
    let chef = thread::spawn(move || (0..3).map(|_| rx.recv().unwrap()).collect::<Vec<_>>());
    let returned = hand_over(&tx, orders(6));
    let cooked = chef.join().unwrap();

    assert_eq!(cooked, orders(3), "the chef took the first three");
    assert_eq!(
        returned,
        orders(6)[3..].to_vec(),
        "every order the chef did not take comes back, in order"
    );
}

#[test]
fn a_closed_kitchen_gives_every_order_back() {
    let (tx, rx) = mpsc::sync_channel::<Order>(0);
    drop(rx);
    assert_eq!(hand_over(&tx, orders(4)), orders(4));
}

#[test]
fn an_open_kitchen_takes_every_order() {
    let (tx, rx) = mpsc::sync_channel::<Order>(0);
    let chef = thread::spawn(move || rx.iter().collect::<Vec<_>>());
    let returned = hand_over(&tx, orders(5));
    // The chef's loop ends once the last sender is gone.
    drop(tx);
    assert_eq!(chef.join().unwrap(), orders(5));
    assert!(returned.is_empty(), "nothing to give back: {returned:?}");
}
