// ANCHOR: all
use std::sync::mpsc::{self, RecvTimeoutError, TrySendError};
use std::thread;
use std::time::Duration;

fn main() {
    // ANCHOR: alone
    // Bound 0: the rail holds no tickets at all. A ticket passes straight
    // from a waiter's hand to a chef's hand, or not at all.
    let (tx, rx) = mpsc::sync_channel(0);

    // On one thread, `tx.send(..)` followed by `rx.recv()` would deadlock:
    // `send` waits for a `recv` that this thread can only reach after
    // `send` returns. `try_send` shows the problem without hanging.
    match tx.try_send("table 3: soup") {
        Err(TrySendError::Full(ticket)) => {
            println!("try_send: Full, no chef is waiting; got back {ticket:?}");
        }
        other => println!("try_send: unexpected {other:?}"),
    }
    // ANCHOR_END: alone

    // ANCHOR: handoff
    let (done_tx, done_rx) = mpsc::channel();
    let waiter_tx = tx.clone();
    let waiter = thread::spawn(move || {
        waiter_tx.send("table 5: steak").unwrap();
        // With bound 0, `Ok` from `send` means the chef has the ticket.
        done_tx.send(()).unwrap();
    });

    // The chef has not called `recv`, so the waiter's `send` cannot return.
    match done_rx.recv_timeout(Duration::from_millis(30)) {
        Err(RecvTimeoutError::Timeout) => {
            println!("waiter: send has not returned, nobody has taken the ticket")
        }
        other => println!("unexpected: {other:?}"),
    }
    println!("chef: took {}", rx.recv().unwrap());
    done_rx.recv().unwrap();
    println!("waiter: send returned, the chef has the ticket");
    waiter.join().unwrap();
    // ANCHOR_END: handoff

    // ANCHOR: waiting_chef
    // Now the chef waits first, in `recv` on its own thread.
    let chef = thread::spawn(move || rx.recv().unwrap());
    // `try_send` succeeds only once the chef is already waiting; until
    // then it is `Full` and hands the ticket back for the next try.
    let mut ticket = "table 6: pie";
    loop {
        match tx.try_send(ticket) {
            Ok(()) => break,
            Err(TrySendError::Full(back)) => {
                ticket = back;
                thread::yield_now();
            }
            Err(TrySendError::Disconnected(_)) => panic!("the chef left"),
        }
    }
    println!("try_send: Ok, the chef was waiting in recv");
    println!("chef: took {}", chef.join().unwrap());
    // ANCHOR_END: waiting_chef
}
// ANCHOR_END: all
