use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread;

fn main() {
    let (orders_tx, orders_rx) = mpsc::channel::<usize>();
    let rail: Arc<Mutex<Receiver<usize>>> = Arc::new(Mutex::new(orders_rx));
    let (cooked_tx, cooked_rx) = mpsc::channel::<usize>();
    // One schedule out of many, made certain: order 3 is a slow dish, done
    // only after order 4 has gone out.
    let (four_out_tx, four_out_rx) = mpsc::channel::<()>();
    let four_out_rx = Arc::new(Mutex::new(four_out_rx));
    for _ in 0..2 {
        let (rail, cooked_tx) = (Arc::clone(&rail), cooked_tx.clone());
        let (four_out_tx, four_out_rx) = (four_out_tx.clone(), Arc::clone(&four_out_rx));
        thread::spawn(move || {
            loop {
                let next = rail.lock().unwrap().recv();
                let Ok(order) = next else { break };
                if order == 3 {
                    let _ = four_out_rx.lock().unwrap().recv();
                }
                cooked_tx.send(order).unwrap();
                if order == 4 {
                    four_out_tx.send(()).unwrap();
                }
            }
        });
    }
    drop(cooked_tx);
    for order in 1..=4 {
        orders_tx.send(order).unwrap();
    }
    drop(orders_tx);

    // Listing 14-1's check: orders leave in the order they came.
    let mut served = 0;
    for order in cooked_rx {
        served += 1;
        assert!(order == served, "dishes came out of order");
    }
    println!("all {served} dishes served, in order");
}
