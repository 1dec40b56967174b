// Chapter 2, quiz 1: the waiter prints `table` and `dish` after sending them.
// Which of the two `println!` lines compiles?
use std::sync::mpsc;
use std::thread;

fn main() {
    let (table_tx, table_rx) = mpsc::channel();
    let (dish_tx, dish_rx) = mpsc::channel();
    thread::spawn(move || {
        let table = 7;
        let dish = String::from("soup");
        table_tx.send(table).unwrap();
        println!("sent table {table}");
        dish_tx.send(dish).unwrap();
        println!("sent {dish}");
    });
    println!("{} for table {}", dish_rx.recv().unwrap(), table_rx.recv().unwrap());
}
