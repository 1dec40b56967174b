// ANCHOR: all
use std::sync::mpsc::{self, Receiver, RecvError, RecvTimeoutError, Sender};
use std::thread::{self, JoinHandle};
use std::time::Duration;

// ANCHOR: patient
/// `recv` for debugging: instead of waiting forever, panic after 50 ms and say
/// which thread was waiting for what. `None` means the channel is closed.
fn recv_or_panic<T>(rx: &Receiver<T>, what: &str) -> Option<T> {
    match rx.recv_timeout(Duration::from_millis(50)) {
        Ok(message) => Some(message),
        Err(RecvTimeoutError::Disconnected) => None,
        Err(RecvTimeoutError::Timeout) => {
            let me = thread::current();
            let name = me.name().unwrap_or("<unnamed>");
            panic!("{name} waited 50 ms for {what}, and its channel is still open");
        }
    }
}
// ANCHOR_END: patient

// ANCHOR: spawn
/// Spawns a thread with a name, which panic messages and debuggers show.
fn spawn_named<T: Send + 'static>(
    name: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> JoinHandle<T> {
    thread::Builder::new()
        .name(name.to_string())
        .spawn(work)
        .expect("the OS could not start a thread")
}
// ANCHOR_END: spawn

// ANCHOR: chef
/// Cooks until the rail closes, then sends the number of dishes for the bill.
fn chef(rail: Receiver<u32>, bill: Sender<usize>) -> usize {
    let mut cooked = 0;
    while let Some(_table) = recv_or_panic(&rail, "a ticket") {
        cooked += 1;
    }
    bill.send(cooked).unwrap();
    cooked
}
// ANCHOR_END: chef

/// Prints what the waiter got and how the chef's thread ended.
fn report(bill: Result<usize, RecvError>, chef: JoinHandle<usize>) {
    match bill {
        Ok(dishes) => println!("  main: bill for {dishes} dishes"),
        Err(RecvError) => println!("  main: no bill, the chef hung up"),
    }
    // The JoinHandle knows the thread's name too.
    let name = chef.thread().name().unwrap_or("<unnamed>").to_string();
    match chef.join() {
        Ok(cooked) => println!("  {name}: cooked {cooked}"),
        Err(panic) => match panic.downcast_ref::<String>() {
            Some(message) => println!("  {name} panicked: {message}"),
            None => println!("  {name} panicked"),
        },
    }
}

fn main() {
    // ANCHOR: cycle
    println!("main keeps the rail open while it waits for the bill:");
    let (rail, rail_rx) = mpsc::channel();
    let (bill_tx, bill) = mpsc::channel();
    for table in 1..=3 {
        rail.send(table).unwrap();
    }
    let chef_thread = spawn_named("chef", move || chef(rail_rx, bill_tx));
    // BUG: main waits for the bill while its `rail` keeps the rail open, and
    // the chef sends the bill only once the rail is closed. With a plain
    // `recv` in the chef, both threads would wait for each other forever.
    report(bill.recv(), chef_thread);
    // ANCHOR_END: cycle

    // ANCHOR: fix
    println!("main closes the rail first:");
    let (rail, rail_rx) = mpsc::channel();
    let (bill_tx, bill) = mpsc::channel();
    for table in 1..=3 {
        rail.send(table).unwrap();
    }
    drop(rail); // FIX: all tickets are in, so say so before waiting
    let chef_thread = spawn_named("chef", move || chef(rail_rx, bill_tx));
    report(bill.recv(), chef_thread);
    // ANCHOR_END: fix
}
// ANCHOR_END: all
