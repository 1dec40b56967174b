// ANCHOR: all
use listing_19_01_mutex_condvar::{SendError, channel};
use std::thread;
use std::time::Duration;

/// A ticket that says when it is thrown away, so we can see *when* the
/// channel drops the messages nobody read.
struct Ticket(&'static str);

impl Drop for Ticket {
    fn drop(&mut self) {
        println!("  (ticket {:?} thrown away)", self.0);
    }
}

fn main() {
    // ANCHOR: many_waiters
    let (tx, rx) = channel::<(usize, u32)>();

    // Nothing sent yet: the non-blocking calls say "not yet", not "never".
    println!("try_recv before any order: {:?}", rx.try_recv());
    let waited = rx.recv_timeout(Duration::from_millis(10));
    println!("recv_timeout(10 ms) before any order: {waited:?}");

    // Three waiters, four tickets each, all through clones of one sender.
    let waiters: Vec<_> = (1..=3)
        .map(|waiter| {
            let tx = tx.clone();
            thread::spawn(move || {
                for ticket in 1..=4 {
                    tx.send((waiter, ticket)).unwrap();
                }
            })
        })
        .collect();
    // The original must go too, or `recv` below would wait forever.
    drop(tx);

    // The waiters interleave in any order, but each one's tickets stay in the
    // order that waiter sent them, so sorting them by waiter is deterministic.
    let mut per_waiter = vec![Vec::new(); 4];
    while let Ok((waiter, ticket)) = rx.recv() {
        per_waiter[waiter].push(ticket);
    }
    for (waiter, tickets) in per_waiter.iter().enumerate().skip(1) {
        println!("waiter {waiter}: tickets {tickets:?}");
    }
    println!("every waiter gone, rail empty: {:?}", rx.try_recv());
    for waiter in waiters {
        waiter.join().unwrap();
    }
    // ANCHOR_END: many_waiters

    // ANCHOR: chef_leaves
    // The other direction: the chef goes home with a ticket still on the rail.
    let (tx, rx) = channel();
    tx.send(Ticket("table 7: soup")).unwrap();
    println!("chef goes home");
    drop(rx); // drops the unread ticket right here, not when `tx` goes
    match tx.send(Ticket("table 8: salad")) {
        Ok(()) => println!("sent, but nobody will ever read it"),
        Err(SendError(ticket)) => println!("send failed, got back {:?}", ticket.0),
    }
    println!("done");
    // ANCHOR_END: chef_leaves
}
// ANCHOR_END: all
