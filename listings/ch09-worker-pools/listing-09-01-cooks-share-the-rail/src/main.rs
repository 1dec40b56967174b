use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

// ANCHOR: types
// A ticket on the rail: plain data, so any cook can pick it up.
struct Order {
    table: u32,
    dish: &'static str,
}

// What a cook puts on the pass when a dish is ready.
struct Plate {
    cook: u32,
    table: u32,
    dish: &'static str,
}
// ANCHOR_END: types

// ANCHOR: cook
fn cook(id: u32, rail: Arc<Mutex<Receiver<Order>>>, pass: Sender<Plate>) -> u32 {
    let mut cooked = 0;
    loop {
        // Lock the rail, take one ticket, and let go: the guard is a
        // temporary of this `let` statement and is dropped at its `;`.
        let next = rail.lock().unwrap().recv();
        let order = match next {
            Ok(order) => order,
            // No waiter is left and the rail is empty: time to go home.
            Err(_) => break,
        };
        // The rail is unlocked while we cook, so the other cooks can take
        // the next tickets meanwhile. (A millisecond stands in for cooking.)
        thread::sleep(Duration::from_millis(1));
        let plate = Plate {
            cook: id,
            table: order.table,
            dish: order.dish,
        };
        pass.send(plate).unwrap();
        cooked += 1;
    }
    cooked
}
// ANCHOR_END: cook

fn main() {
    // ANCHOR: hire
    let (tx, rx) = mpsc::channel::<Order>();
    // One receiver, shared: the Mutex lets one cook at a time call `recv`,
    // the Arc lets every cook own a handle to it.
    let rail = Arc::new(Mutex::new(rx));
    let (pass_tx, pass_rx) = mpsc::channel::<Plate>();

    let mut cooks = Vec::new();
    for id in 1..=3 {
        let rail = Arc::clone(&rail);
        let pass = pass_tx.clone();
        cooks.push((id, thread::spawn(move || cook(id, rail, pass))));
    }
    // Only the cooks send plates; keep no Sender here, or the loop over
    // `pass_rx` below would never end.
    drop(pass_tx);
    // ANCHOR_END: hire

    // ANCHOR: orders
    let menu = ["soup", "risotto", "steak", "salad"];
    for (table, dish) in (1..=8).zip(menu.iter().cycle()) {
        tx.send(Order { table, dish }).unwrap();
    }
    // Closing time: no more tickets. The cooks still finish every ticket
    // already on the rail before `recv` tells them it is closed.
    drop(tx);
    // ANCHOR_END: orders

    // ANCHOR: shutdown
    let mut served = 0;
    for plate in pass_rx {
        println!("cook {}: table {} {}", plate.cook, plate.table, plate.dish);
        served += 1;
    }
    // The pass closed, so every cook has left its loop; join to collect
    // each cook's count (and to notice if one panicked).
    for (id, handle) in cooks {
        let cooked = handle.join().unwrap();
        println!("cook {id} went home; orders cooked: {cooked}");
    }
    println!("kitchen closed: {served} plates served");
    // ANCHOR_END: shutdown
}
