use std::sync::{Arc, Barrier, mpsc};
use std::thread;
// Every order says where it came from and where it sits in that
// terminal's own sequence, so the chef can tell orders apart.
struct Order {
    terminal: u32,
    seq: u32,
    dish: &'static str,
}

fn main() {
    let (tx, rx) = mpsc::channel();

    // ANCHOR: shown
    let menus = [
        ["margherita", "calzone", "tiramisu"],
        ["lasagna", "minestrone", "panna cotta"],
        ["risotto", "focaccia", "espresso"],
    ];
    // The barrier lets all terminals open at the same moment, as in a
    // dinner rush, so their orders really do compete for the rail.
    let rush = Arc::new(Barrier::new(menus.len()));
    let mut terminals = Vec::new();
    for (terminal, menu) in (1..).zip(menus) {
        // Each terminal gets its own handle to the same rail.
        let tx = tx.clone();
        let rush = Arc::clone(&rush);
        terminals.push(thread::spawn(move || {
            rush.wait();
            for (seq, dish) in (1..).zip(menu) {
                let order = Order {
                    terminal,
                    seq,
                    dish,
                };
                tx.send(order).unwrap();
            }
            // This terminal's `tx` is dropped here, when the thread ends.
        }));
    }
    // ANCHOR_END: shown
    // The terminals hold clones; the original is still ours. Drop it, or
    // the rail stays open and the loop below never ends.
    drop(tx);
    let mut cooked = 0;
    for order in rx {
        println!(
            "chef: terminal {} order {}: {}",
            order.terminal, order.seq, order.dish
        );
        cooked += 1;
    }
    println!("rail closed: {cooked} orders cooked");

    for terminal in terminals {
        terminal.join().unwrap();
    }
}
