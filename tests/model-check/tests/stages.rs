//! Chapter 19's four channels under the loom model checker: each scenario
//! runs in every interleaving of its threads that loom can reach within the
//! preemption bound (`model_check::PREEMPTION_BOUND`, or
//! `LOOM_MAX_PREEMPTIONS`). Run with `cargo xtask loom`.
//!
//! loom's `Condvar::wait_timeout` never times out, and nothing here makes
//! time pass, so `recv_timeout` is checked with a zero timeout (it returns at
//! once) and with an hour (it waits like `recv`); a timeout that fires while
//! the receiver sleeps is not modelled.
#![cfg(loom)]

/// The scenarios every channel goes through. `$new` makes a channel.
macro_rules! scenarios {
    ($stage:ident, $krate:ident, $new:expr) => {
        mod $stage {
            use super::{Look, finish};
            use loom::thread;
            use model_check::{Live, Msg, check};
            use std::sync::Arc;
            use std::sync::atomic::{AtomicUsize, Ordering};
            use std::time::Duration;
            #[allow(unused_imports)]
            use $krate::{RecvTimeoutError, SendError, TryRecvError};

            fn name(scenario: &str) -> String {
                format!("{}::{scenario}", stringify!($stage))
            }

            /// Two producers send two messages each, then leave; the
            /// receiver takes messages until `recv` fails. Nothing is lost or
            /// duplicated, each producer's messages come in order, and `recv`
            /// fails only once both producers have started to drop their
            /// senders, and then keeps failing.
            #[test]
            fn two_producers_two_messages_each() {
                check(&name("two_producers_two_messages_each"), || {
                    let live = Live::default();
                    let leaving = Arc::new(AtomicUsize::new(0));
                    let (tx0, rx) = ($new)();
                    let tx1 = tx0.clone();
                    let producers: Vec<_> = [tx0, tx1]
                        .into_iter()
                        .enumerate()
                        .map(|(producer, tx)| {
                            let (live, leaving) = (live.clone(), Arc::clone(&leaving));
                            thread::spawn(move || {
                                for seq in 0..2 {
                                    tx.send(live.msg(producer, seq)).unwrap();
                                }
                                leaving.fetch_add(1, Ordering::Relaxed);
                                drop(tx);
                            })
                        })
                        .collect();
                    let mut next = [0, 0];
                    while let Ok(msg) = rx.recv() {
                        let Msg { producer, seq, .. } = msg;
                        assert_eq!(
                            seq, next[producer],
                            "producer {producer}: out of order or duplicated"
                        );
                        next[producer] += 1;
                    }
                    assert_eq!(next, [2, 2], "recv failed before every message arrived");
                    assert_eq!(
                        leaving.load(Ordering::Relaxed),
                        2,
                        "recv failed while a sender was still alive"
                    );
                    assert!(rx.recv().is_err(), "recv succeeded after it had failed");
                    for producer in producers {
                        producer.join().unwrap();
                    }
                    assert_eq!(live.count(), 0, "a message was never dropped");
                });
            }

            /// The receiver leaves (after one `try_recv`) while a sender
            /// sends two messages. A refused `send` hands back the very
            /// value, once refused always refused, and every message the
            /// channel accepted but nobody received is dropped when the
            /// receiver goes, although a sender is still alive.
            #[test]
            fn receiver_dropped_while_sending() {
                check(&name("receiver_dropped_while_sending"), || {
                    let live = Live::default();
                    let (tx, rx) = ($new)();
                    let receiver = thread::spawn(move || {
                        let first = rx.try_recv().ok();
                        drop(rx);
                        first
                    });
                    let sent: Vec<_> = (0..2).map(|seq| tx.send(live.msg(0, seq))).collect();
                    let first = receiver.join().unwrap();
                    if let Some(msg) = &first {
                        assert_eq!(msg.seq, 0, "the receiver got the second message first");
                    }
                    let mut refused = false;
                    let mut handed_back = 0;
                    for (seq, result) in sent.iter().enumerate() {
                        match result {
                            Ok(()) => assert!(!refused, "a send succeeded after one was refused"),
                            Err(SendError(msg)) => {
                                assert_eq!(msg.seq, seq, "send handed back another value");
                                refused = true;
                                handed_back += 1;
                            }
                        }
                    }
                    // `tx` is alive: only the channel's own drop can have
                    // dropped the accepted, unreceived messages.
                    assert_eq!(
                        live.count(),
                        handed_back + usize::from(first.is_some()),
                        "the receiver is gone but a message it never received is still alive"
                    );
                    drop(sent);
                    drop(first);
                    drop(tx);
                    assert_eq!(live.count(), 0);
                });
            }

            /// A receiver that looks twice without waiting, with
            /// `try_recv`, while a producer sends one message and leaves:
            /// each look sees nothing yet, the message, or (only after the
            /// message was received) the hang-up, which is then final.
            #[test]
            fn try_recv_races_send_and_last_drop() {
                check(&name("try_recv_races_send_and_last_drop"), || {
                    let live = Live::default();
                    let (tx, rx) = ($new)();
                    let producer = {
                        let live = live.clone();
                        thread::spawn(move || tx.send(live.msg(0, 0)).unwrap())
                    };
                    let looks = [rx.try_recv(), rx.try_recv()].map(|r| match r {
                        Ok(msg) => Look::Message(msg.seq),
                        Err(TryRecvError::Empty) => Look::Nothing,
                        Err(TryRecvError::Disconnected) => Look::HungUp,
                    });
                    producer.join().unwrap();
                    let last = rx.try_recv().map_err(|e| e == TryRecvError::Disconnected);
                    finish(&looks, last.map(|m| m.seq), || {
                        rx.recv().ok().map(|m| m.seq)
                    });
                    drop(rx);
                    assert_eq!(live.count(), 0);
                });
            }

            /// The same race with `recv_timeout` and a zero timeout, which
            /// returns `Timeout` at once when there is nothing.
            #[test]
            fn recv_timeout_zero_races_send_and_last_drop() {
                check(&name("recv_timeout_zero_races_send_and_last_drop"), || {
                    let live = Live::default();
                    let (tx, rx) = ($new)();
                    let producer = {
                        let live = live.clone();
                        thread::spawn(move || tx.send(live.msg(0, 0)).unwrap())
                    };
                    let look = |r: Result<Msg, RecvTimeoutError>| match r {
                        Ok(msg) => Look::Message(msg.seq),
                        Err(RecvTimeoutError::Timeout) => Look::Nothing,
                        Err(RecvTimeoutError::Disconnected) => Look::HungUp,
                    };
                    let looks = [
                        look(rx.recv_timeout(Duration::ZERO)),
                        look(rx.recv_timeout(Duration::ZERO)),
                    ];
                    producer.join().unwrap();
                    let last = rx
                        .recv_timeout(Duration::ZERO)
                        .map_err(|e| e == RecvTimeoutError::Disconnected);
                    finish(&looks, last.map(|m| m.seq), || {
                        rx.recv().ok().map(|m| m.seq)
                    });
                    drop(rx);
                    assert_eq!(live.count(), 0);
                });
            }

            /// `recv_timeout` with a timeout that does not run out (an hour)
            /// while a producer sends one message and leaves: the first call
            /// must wait for the message, the second for the hang-up. This
            /// runs `recv_timeout`'s own waiting code (its flag handling, in
            /// stages 3 and 4) rather than `recv`'s.
            #[test]
            fn recv_timeout_waits_for_send_and_last_drop() {
                check(&name("recv_timeout_waits_for_send_and_last_drop"), || {
                    let live = Live::default();
                    let (tx, rx) = ($new)();
                    let producer = {
                        let live = live.clone();
                        thread::spawn(move || tx.send(live.msg(0, 0)).unwrap())
                    };
                    let hour = Duration::from_secs(3600);
                    let msg = rx
                        .recv_timeout(hour)
                        .expect("recv_timeout gave up with a sender alive");
                    assert_eq!(msg.seq, 0);
                    assert_eq!(
                        rx.recv_timeout(hour).err(),
                        Some(RecvTimeoutError::Disconnected)
                    );
                    producer.join().unwrap();
                    drop((msg, rx));
                    assert_eq!(live.count(), 0);
                });
            }
        }
    };
}

/// What one look at the channel without waiting found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Look {
    Nothing,
    Message(usize),
    HungUp,
}

/// Checks the looks a receiver took while one message (number 0) was sent
/// and the only sender left, then what it finds once the sender is surely
/// gone (`last`: a message, or `Err(true)` for the hang-up), draining with
/// `recv_rest`.
fn finish(looks: &[Look], last: Result<usize, bool>, recv_rest: impl Fn() -> Option<usize>) {
    let mut received = 0;
    let mut hung_up = false;
    for &look in looks {
        match look {
            Look::Nothing => assert!(!hung_up, "{looks:?}: nothing, after the hang-up"),
            Look::Message(seq) => {
                assert_eq!(seq, 0);
                assert!(!hung_up, "{looks:?}: a message after the hang-up");
                received += 1;
            }
            Look::HungUp => {
                assert_eq!(received, 1, "{looks:?}: hung up before the message arrived");
                hung_up = true;
            }
        }
    }
    // The sender is gone now: what is left is the message, if not yet
    // received, and then the hang-up, for good.
    match last {
        Ok(seq) => {
            assert_eq!(seq, 0);
            received += 1;
        }
        Err(disconnected) => assert!(disconnected, "{looks:?}: Empty/Timeout with no sender left"),
    }
    assert_eq!(
        received, 1,
        "{looks:?}, then {last:?}: the message was lost or duplicated"
    );
    assert_eq!(recv_rest(), None, "a message after the hang-up");
}

scenarios!(
    stage1,
    listing_19_01_mutex_condvar,
    listing_19_01_mutex_condvar::channel
);
scenarios!(stage2_capacity_1, listing_19_02_bounded, || {
    listing_19_02_bounded::sync_channel(1)
});
scenarios!(
    stage3,
    listing_19_03_optimised,
    listing_19_03_optimised::channel
);
scenarios!(
    stage4,
    listing_19_04_spin_then_sleep,
    listing_19_04_spin_then_sleep::channel
);

/// Stage 2 only: a sender blocked on a full buffer when the receiver leaves
/// must wake up and get its value back.
mod stage2_full {
    use listing_19_02_bounded::{SendError, sync_channel};
    use loom::thread;
    use model_check::{Live, check};

    #[test]
    fn blocked_sender_woken_by_receiver_drop() {
        check("stage2_full::blocked_sender_woken_by_receiver_drop", || {
            let live = Live::default();
            let (tx, rx) = sync_channel(1);
            tx.send(live.msg(0, 0)).unwrap();
            // The buffer is full: this send waits until the receiver goes.
            let sender = {
                let live = live.clone();
                thread::spawn(move || tx.send(live.msg(0, 1)))
            };
            drop(rx);
            match sender.join().unwrap() {
                Ok(()) => panic!("a send into a full channel succeeded though nobody received"),
                Err(SendError(msg)) => {
                    assert_eq!(msg.seq, 1, "send handed back another value");
                    assert_eq!(
                        live.count(),
                        1,
                        "the buffered message outlived the receiver"
                    );
                }
            }
            assert_eq!(live.count(), 0);
        });
    }
}
