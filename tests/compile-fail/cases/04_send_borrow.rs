use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel();
    let chef = thread::spawn(move || {
        for dish in rx {
            println!("chef cooks {dish}");
        }
    });

    // Why copy the text? Send the chef a reference to it.
    let special = String::from("mushroom risotto");
    tx.send(&special).unwrap();
    drop(tx);

    chef.join().unwrap();
}
