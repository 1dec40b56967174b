use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel::<u32>();
    let chef = thread::spawn(move || {
        for _ticket in rx.iter().take(3) {}
        panic!("the chef burns the third dish and walks out");
    });
    for ticket in 1..=10 {
        let _ = tx.send(ticket);
    }
    println!("waiter: sent ten tickets, noticed nothing");
    println!("the chef's join returned an Err: {}", chef.join().is_err());
}
