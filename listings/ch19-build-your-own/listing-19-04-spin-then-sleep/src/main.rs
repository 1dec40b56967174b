// ANCHOR: all
use listing_19_04_spin_then_sleep::channel;
use std::thread;
use std::time::Duration;

const WAITERS: usize = 4;
const TICKETS: u32 = 2_500;

fn main() {
    let (tx, rx) = channel::<(usize, u32)>();
    println!("before any order: {:?}", rx.try_recv());

    // ANCHOR: rush
    // A rush: the chef rarely has to sleep, because the next ticket usually
    // arrives while it is still spinning.
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
    let mut next = [0; WAITERS];
    let mut out_of_order = 0;
    for _ in 0..WAITERS * TICKETS as usize {
        // `tx` is still alive, so only a lost ticket could end this early.
        let (waiter, ticket) = rx.recv_timeout(Duration::from_secs(5)).unwrap();
        if ticket != next[waiter] {
            out_of_order += 1;
        }
        next[waiter] = ticket + 1;
    }
    for waiter in waiters {
        waiter.join().unwrap();
    }
    println!("rush over: {next:?} tickets per waiter, {out_of_order} out of order");

    // A quiet kitchen: the spin finds nothing, so the chef goes to sleep
    // and is woken by its deadline.
    println!(
        "quiet kitchen: {:?}",
        rx.recv_timeout(Duration::from_millis(10))
    );

    // A late order: by the time it comes, the chef has long stopped spinning
    // and sleeps in `recv`. The send must wake it.
    let late = thread::spawn(move || {
        thread::sleep(Duration::from_millis(20));
        tx.send((WAITERS, 0)).unwrap();
        // `tx` is dropped here: the last sender leaves.
    });
    println!("late order: {:?}", rx.recv());
    println!("after the last waiter left: {:?}", rx.recv());
    // ANCHOR_END: rush
    late.join().unwrap();
}
// ANCHOR_END: all
