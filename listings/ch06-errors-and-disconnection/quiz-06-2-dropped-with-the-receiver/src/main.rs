use std::sync::mpsc;

struct Ticket(&'static str);

impl Drop for Ticket {
    fn drop(&mut self) {
        println!("{} is dropped", self.0);
    }
}

fn main() {
    let (tx, rx) = mpsc::channel();
    println!(
        "send: {:?}",
        tx.send(Ticket("the ticket")).map_err(|_| "failed")
    );
    println!("dropping the receiver");
    drop(rx);
    println!("the receiver is gone");
}
