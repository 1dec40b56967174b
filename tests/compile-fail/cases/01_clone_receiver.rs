use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel::<String>();

    // Two chefs, each with their own copy of the ticket rail?
    let rx2 = rx.clone();
    let grill = thread::spawn(move || {
        for ticket in rx {
            println!("grill cooks {ticket}");
        }
    });
    let fryer = thread::spawn(move || {
        for ticket in rx2 {
            println!("fryer cooks {ticket}");
        }
    });

    for n in 1..=4 {
        tx.send(format!("ticket {n}")).unwrap();
    }
    drop(tx);
    grill.join().unwrap();
    fryer.join().unwrap();
}
