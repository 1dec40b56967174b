// ANCHOR: all
use listing_19_03_optimised::channel;
use std::thread;
use std::time::Duration;

const WAITERS: usize = 4;
const TICKETS: u32 = 2_500;

fn main() {
    let (tx, rx) = channel::<(usize, u32)>();
    println!("before any order: {:?}", rx.try_recv());

    // ANCHOR: rush
    // A rush: four waiters send 2,500 tickets each, as fast as they can.
    let waiters: Vec<_> = (0..WAITERS)
        .map(|waiter| {
            let tx = tx.clone();
            thread::spawn(move || {
                for ticket in 0..TICKETS {
                    tx.send((waiter, ticket)).unwrap();
                }
            })
        })
        .collect();
    drop(tx);

    // The chef takes batches from the shared queue and then serves from its
    // private buffer, so it must check the two properties that batching
    // could break: nothing lost or duplicated, and each waiter's order kept.
    let mut next = [0; WAITERS];
    let mut out_of_order = 0;
    loop {
        match rx.recv_timeout(Duration::from_secs(5)) {
            Ok((waiter, ticket)) => {
                if ticket != next[waiter] {
                    out_of_order += 1;
                }
                next[waiter] = ticket + 1;
            }
            Err(e) => {
                println!("chef stops: {e:?}");
                break;
            }
        }
    }
    for (waiter, count) in next.iter().enumerate() {
        println!("waiter {waiter}: last ticket #{}", count - 1);
    }
    println!("tickets out of order: {out_of_order}");
    // ANCHOR_END: rush
    for waiter in waiters {
        waiter.join().unwrap();
    }
}
// ANCHOR_END: all
