// Chapter 4, quiz 4: `recv` after `for ... in &rx` and after `for ... in rx`.
// Which of the two `recv` calls compiles?
use std::sync::mpsc;

fn main() {
    let (tx, rx) = mpsc::channel::<u32>();
    tx.send(1).unwrap();
    tx.send(2).unwrap();
    for _ticket in &rx {
        break;
    }
    let _ = rx.recv();
    for _ticket in rx {
        break;
    }
    let _ = rx.recv();
}
