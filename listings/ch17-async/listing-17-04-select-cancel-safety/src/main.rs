// ANCHOR: all
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::sleep;

/// A dish that says so when it is dropped without being served.
struct Dish(&'static str, bool);

impl Dish {
    fn new(name: &'static str) -> Dish {
        Dish(name, false)
    }

    fn serve(mut self) {
        println!("served {}", self.0);
        self.1 = true;
    }
}

impl Drop for Dish {
    fn drop(&mut self) {
        if !self.1 {
            println!("  ({} dropped unserved)", self.0);
        }
    }
}

const SHORT: Duration = Duration::from_millis(5);

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: recv
    // `recv` is cancel-safe: when another branch wins, the `recv` future is
    // dropped, and no message is taken from the channel with it.
    let (tx, mut rx) = mpsc::channel::<&str>(4);
    tokio::select! {
        ticket = rx.recv() => println!("got {ticket:?}"),
        _ = sleep(SHORT) => println!("recv lost the race to the timer"),
    }
    tx.send("soup").await.unwrap();
    println!("the next recv gets {:?}", rx.recv().await);
    // ANCHOR_END: recv

    // ANCHOR: send
    // A losing `send(v).await` is not: the dish was moved into the send
    // future, and dropping the future drops the dish.
    let (tx, mut rx) = mpsc::channel::<Dish>(1);
    tx.send(Dish::new("soup")).await.unwrap(); // the channel is full now
    tokio::select! {
        _ = tx.send(Dish::new("steak")) => println!("steak sent"),
        _ = sleep(SHORT) => println!("send lost the race to the timer"),
    }
    // ANCHOR_END: send

    // ANCHOR: reserve
    // `reserve` waits for room without taking the dish, so a lost race
    // leaves the dish with us; the permit then sends without waiting.
    let pie = Dish::new("pie");
    let permit = tokio::select! {
        permit = tx.reserve() => Some(permit.unwrap()),
        _ = sleep(SHORT) => None,
    };
    println!(
        "reserve won the race: {}; we still have the {}",
        permit.is_some(),
        pie.0
    );
    rx.recv().await.unwrap().serve(); // makes room
    tx.reserve().await.unwrap().send(pie);
    rx.recv().await.unwrap().serve();
    // ANCHOR_END: reserve

    // ANCHOR: disabled
    // Two rails, both closed after their tickets. A branch whose condition
    // is false is disabled; `else` runs once every branch is.
    let (bar_tx, mut bar) = mpsc::channel(4);
    let (kitchen_tx, mut kitchen) = mpsc::channel(4);
    bar_tx.send("tea").await.unwrap();
    kitchen_tx.send("soup").await.unwrap();
    kitchen_tx.send("pie").await.unwrap();
    drop((bar_tx, kitchen_tx));
    let (mut bar_open, mut kitchen_open) = (true, true);
    loop {
        tokio::select! {
            biased; // poll in the order written, so the output is fixed
            t = bar.recv(), if bar_open => match t {
                Some(t) => println!("bar: {t}"),
                None => bar_open = false,
            },
            t = kitchen.recv(), if kitchen_open => match t {
                Some(t) => println!("kitchen: {t}"),
                None => kitchen_open = false,
            },
            else => break,
        }
    }
    println!("both rails closed");
    // ANCHOR_END: disabled
}
// ANCHOR_END: all
