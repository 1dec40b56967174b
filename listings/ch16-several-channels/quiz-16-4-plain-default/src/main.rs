use crossbeam_channel::{Sender, select, unbounded};

// After three quiet turns, the chef's own thread sends one order and hangs
// up.
fn after_three_quiet_turns(quiet_turns: u32, order_tx: &mut Option<Sender<&str>>) {
    if quiet_turns != 3 {
        return;
    }
    if let Some(tx) = order_tx.take() {
        tx.send("margherita").unwrap();
    }
}

fn main() {
    let (order_tx, orders) = unbounded();
    // The only sender belongs to this thread, the chef's: while the chef is
    // in `select!`, nobody can send. A `default` that waited for anything
    // would wait forever.
    let mut order_tx = Some(order_tx);
    let mut quiet_turns = 0;
    loop {
        select! {
            recv(orders) -> msg => match msg {
                Ok(dish) => println!("order: {dish}"),
                Err(_) => {
                    println!("orders: closed");
                    break;
                }
            },
            // ANCHOR: shown
            default => {
                quiet_turns += 1;
                println!("chef: quiet (turn {quiet_turns})");
            }
            // ANCHOR_END: shown
        }
        after_three_quiet_turns(quiet_turns, &mut order_tx);
    }
}
