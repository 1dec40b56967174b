use std::sync::mpsc;
use std::thread;

fn main() {
    let (table_tx, table_rx) = mpsc::channel();
    let (dish_tx, dish_rx) = mpsc::channel();

    // ANCHOR: waiter
    let waiter = thread::spawn(move || {
        let table: i32 = 12;
        let dish = String::from("risotto");

        // `i32` is `Copy`: `send` gets a copy of the number, and the
        // waiter keeps its own `table`.
        table_tx.send(table).unwrap();

        // `String` is not `Copy`: `send` takes the string itself. After
        // this line `dish` belongs to the channel, and using it here
        // would not compile.
        dish_tx.send(dish).unwrap();

        // Still fine: this is the waiter's own copy of the number.
        format!("waiter: still looking after table {table}")
    });
    // ANCHOR_END: waiter

    // ANCHOR: chef
    let table = table_rx.recv().unwrap();
    let dish = dish_rx.recv().unwrap();
    println!("chef: {dish} for table {table}");

    // `join` hands back what the waiter's closure returned.
    let note = waiter.join().unwrap();
    println!("{note}");
    // ANCHOR_END: chef
}
