// Chapter 7, quiz 2: Listing 7-3 with `Arc<Rc<String>>` instead of `Arc<String>`.
use std::rc::Rc;
use std::sync::{Arc, mpsc};
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel();
    let special = Arc::new(Rc::new(String::from("soup of the day")));
    let waiter = thread::spawn(move || {
        tx.send(Arc::clone(&special)).unwrap();
    });
    println!("{}", rx.recv().unwrap());
    waiter.join().unwrap();
}
