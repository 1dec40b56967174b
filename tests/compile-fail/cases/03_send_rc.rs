use std::rc::Rc;
use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel();
    let chef = thread::spawn(move || {
        for order in rx {
            println!("chef cooks {order}");
        }
    });

    // The bill printer needs the order too; Rc shares it without copying.
    let order = Rc::new(String::from("table 4: soup"));
    let for_the_bill = Rc::clone(&order);
    tx.send(order).unwrap();
    drop(tx);

    chef.join().unwrap();
    println!("bill for {for_the_bill}");
}
