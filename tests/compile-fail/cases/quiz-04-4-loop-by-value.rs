// Chapter 4, quiz 4: `recv` after `for ... in &rx` and after `for ... in rx`.
// Only the second `recv` is an error.
use std::sync::mpsc;

fn main() {
    let (tx, rx) = mpsc::channel::<u32>();
    for _ticket in [1, 2] {
        tx.send(_ticket).unwrap();
    }
    #[allow(clippy::never_loop)]
    for _ticket in &rx {
        break;
    }
    let _ = rx.recv();
    #[allow(clippy::never_loop)]
    for _ticket in rx {
        break;
    }
    let _ = rx.recv();
}
