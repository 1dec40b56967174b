use crossbeam_channel::{Receiver, never, select};

fn main() {
    let orders: Receiver<String> = never();
    let notes: Receiver<String> = never();
    println!("chef: waiting for an order or a note");
    select! {
        recv(orders) -> order => println!("order: {order:?}"),
        recv(notes) -> note => println!("note: {note:?}"),
    }
    println!("chef: done");
}
