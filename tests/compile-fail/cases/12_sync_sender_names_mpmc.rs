use std::rc::Rc;
use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::sync_channel::<Rc<String>>(1);
    // Two threads borrow one SyncSender of a type that is not Send.
    let tx = &tx;
    thread::scope(|s| {
        s.spawn(move || tx.send(Rc::new("soup".to_string())).unwrap());
    });
    drop(rx);
}
