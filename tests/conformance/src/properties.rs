//! The guarantees, one function each. A property panics, saying what broke,
//! when the flavor does not keep its guarantee.
//!
//! Rules the properties follow so that they are fair to any correct channel:
//! no assertion depends on timing, except that a `recv_timeout(d)` that
//! returns `Timeout` must have waited at least `d`. Short pauses ([`PAUSE`])
//! only make it likely that a helper thread is already blocked when the main
//! thread acts; the outcome checked is the same either way. Every step that
//! blocks is recorded with [`record_step`], so a hang is reported by the
//! watchdog with the step that never returned.

use std::collections::BTreeSet;
use std::panic;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Condvar, Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::harness::{DELIBERATE, progress, record_step, scale};
use crate::{Disconnected, Flavor, TimeoutErr, TryRecvErr, TrySendErr};

/// Producers in [`no_loss_no_duplicates_fifo_per_producer`].
pub const PRODUCERS: usize = 8;

/// Messages per producer in [`no_loss_no_duplicates_fifo_per_producer`] at
/// scale 1 (so 40,000 in all); `CONFORMANCE_SCALE` multiplies it.
pub const MESSAGES_PER_PRODUCER: usize = 5_000;

/// A moment for a helper thread to reach a blocking call. Correctness never
/// depends on it.
pub const PAUSE: Duration = Duration::from_millis(20);

/// A short timeout, for `recv_timeout` calls that must time out.
const SHORT: Duration = Duration::from_millis(20);

/// A timeout that must never expire: the call has to return because of an
/// event (a message, a disconnection). If it does not, the watchdog fails the
/// test long before this.
const FOREVER: Duration = Duration::from_secs(3600);

/// Joins a helper thread; if it panicked, the property fails with its panic.
fn join<T>(handle: JoinHandle<T>) -> T {
    handle
        .join()
        .unwrap_or_else(|payload| panic::resume_unwind(payload))
}

/// The text of a panic payload (what `panic!` was given).
fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(not a string)".to_owned()
    }
}

/// A message that is not `Copy`, with its own heap allocation, so a value given
/// back can be checked to be the very value sent, not an equal copy.
fn ticket(n: usize) -> String {
    format!("ticket #{n}: soup of the day")
}

/// Checks that `back` is the value that was sent: same text, same allocation.
fn assert_same_value(back: &str, sent_text: &str, sent_ptr: *const u8, context: &str) {
    assert_eq!(back, sent_text, "{context}: gave back a different value");
    assert!(
        std::ptr::eq(back.as_ptr(), sent_ptr),
        "{context}: gave back an equal value, not the very value sent (a different allocation)"
    );
}

/// A message that counts how many times a message was dropped.
struct Counted {
    id: usize,
    drops: Arc<AtomicUsize>,
}

impl Counted {
    fn new(id: usize, drops: &Arc<AtomicUsize>) -> Counted {
        Counted {
            id,
            drops: Arc::clone(drops),
        }
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        self.drops.fetch_add(1, Ordering::SeqCst);
    }
}

/// What a consumer saw of `(producer, sequence)` messages: enough to tell a
/// lost message from a late one and from a duplicate.
struct Tally {
    /// Per producer: one more than the highest sequence number seen.
    next: Vec<usize>,
    /// Per producer: numbers skipped over that have not arrived (yet).
    missing: Vec<BTreeSet<usize>>,
    reordered: usize,
    duplicated: usize,
    /// The first few anomalies, as examples.
    examples: Vec<String>,
}

impl Tally {
    fn new(producers: usize) -> Tally {
        Tally {
            next: vec![0; producers],
            missing: vec![BTreeSet::new(); producers],
            reordered: 0,
            duplicated: 0,
            examples: Vec::new(),
        }
    }

    fn record(&mut self, id: usize, seq: usize) {
        progress();
        assert!(
            id < self.next.len(),
            "received a message from producer {id}, which does not exist"
        );
        let next = self.next[id];
        if seq >= next {
            self.missing[id].extend(next..seq);
            self.next[id] = seq + 1;
        } else if self.missing[id].remove(&seq) {
            self.reordered += 1;
            self.example(format!(
                "producer {id}: message #{seq} arrived after #{}",
                next - 1
            ));
        } else {
            self.duplicated += 1;
            self.example(format!("producer {id}: message #{seq} arrived twice"));
        }
    }

    fn example(&mut self, text: String) {
        if self.examples.len() < 3 {
            self.examples.push(text);
        }
    }

    /// Called after `recv` returned `Err`; `sent[id]` is how many messages
    /// producer `id` sent (numbered from 0).
    fn check(&self, sent: &[usize]) {
        let mut problems = Vec::new();
        for (id, &sent) in sent.iter().enumerate() {
            let never = self.missing[id].len() + sent.saturating_sub(self.next[id]);
            if never > 0 {
                let first = self.missing[id].first().copied().unwrap_or(self.next[id]);
                problems.push(format!(
                    "producer {id}: {never} of its {sent} messages never arrived \
                     before recv returned Err (first: #{first})"
                ));
            }
            if self.next[id] > sent {
                problems.push(format!(
                    "producer {id}: received message #{}, which it never sent",
                    self.next[id] - 1
                ));
            }
        }
        if self.reordered > 0 {
            problems.push(format!("{} messages arrived out of order", self.reordered));
        }
        if self.duplicated > 0 {
            problems.push(format!("{} messages arrived twice", self.duplicated));
        }
        if !problems.is_empty() {
            panic!(
                "{}{}",
                problems.join("; "),
                if self.examples.is_empty() {
                    String::new()
                } else {
                    format!(" (for example: {})", self.examples.join("; "))
                }
            );
        }
    }
}

/// (1) No message is lost, none is duplicated, and each producer's messages
/// arrive in the order it sent them.
///
/// [`PRODUCERS`] threads each send [`MESSAGES_PER_PRODUCER`] × [`scale`]
/// messages `(producer, sequence)` through clones of one sender; the receiver
/// checks that every producer's sequence is exactly `0, 1, 2, …` and that `recv`
/// returns `Err` only after the last message of every producer.
pub fn no_loss_no_duplicates_fifo_per_producer<F: Flavor>(flavor: &F) {
    let per_producer = MESSAGES_PER_PRODUCER * scale();
    let (tx, rx) = flavor.channel::<(usize, usize)>();
    let producers: Vec<JoinHandle<Result<(), usize>>> = (0..PRODUCERS)
        .map(|id| {
            let tx = tx.clone();
            thread::spawn(move || {
                for seq in 0..per_producer {
                    F::send(&tx, (id, seq)).map_err(|_| seq)?;
                }
                Ok(())
            })
        })
        .collect();
    drop(tx);

    record_step(format!(
        "receiving {PRODUCERS} × {per_producer} messages, then waiting for Err"
    ));
    let mut tally = Tally::new(PRODUCERS);
    while let Ok((id, seq)) = F::recv(&rx) {
        tally.record(id, seq);
    }
    tally.check(&[per_producer; PRODUCERS]);
    for (id, producer) in producers.into_iter().enumerate() {
        record_step(format!("joining producer {id}"));
        if let Err(seq) = join(producer) {
            panic!("producer {id}: send of message #{seq} failed while the receiver was alive");
        }
    }
}

/// Senders in [`order_follows_happens_before`].
pub const RELAY_SENDERS: usize = 4;

/// Rounds of [`order_follows_happens_before`] at scale 1; `CONFORMANCE_SCALE`
/// multiplies it.
pub const RELAY_ROUNDS: usize = 2_000;

/// Where a relay round stands. Guarded by a mutex, so whoever reads a change
/// was ordered after (happens after) everything done before it was written.
struct RelayState {
    round: usize,
    /// Sends of this round that have returned (and been reported).
    sent: usize,
    /// Set when the property stops early: the senders go home.
    stopped: bool,
}

/// The baton of [`order_follows_happens_before`], passed from thread to
/// thread without going through the channel under test. Each thread waits on
/// its own `Condvar`, so a change wakes only the sender whose turn it is and
/// the receiver.
struct Relay {
    state: Mutex<RelayState>,
    senders: Vec<Condvar>,
    receiver: Condvar,
}

impl Relay {
    fn new() -> Relay {
        Relay {
            state: Mutex::new(RelayState {
                round: 0,
                sent: 0,
                stopped: false,
            }),
            senders: (0..RELAY_SENDERS).map(|_| Condvar::new()).collect(),
            receiver: Condvar::new(),
        }
    }

    /// Waits (as sender `who`, or as the receiver for `None`) until `ready`
    /// holds; returns `true` if the relay was stopped instead.
    fn wait_until(&self, who: Option<usize>, ready: impl Fn(&RelayState) -> bool) -> bool {
        let condvar = who.map_or(&self.receiver, |sender| &self.senders[sender]);
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        condvar
            .wait_while(state, |s| !s.stopped && !ready(s))
            .unwrap_or_else(PoisonError::into_inner)
            .stopped
    }

    /// Applies `change`, then wakes the receiver and the sender whose turn it
    /// is now.
    fn update(&self, change: impl FnOnce(&mut RelayState)) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        change(&mut state);
        if let Some(&next) = relay_order(state.round).get(state.sent) {
            self.senders[next].notify_one();
        }
        self.receiver.notify_one();
    }

    fn stop(&self) {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .stopped = true;
        for condvar in self.senders.iter().chain([&self.receiver]) {
            condvar.notify_all();
        }
    }
}

/// Stops the relay when the receiving side ends early (by panicking), so the
/// sending threads do not wait for a turn that never comes.
struct StopOnDrop<'a>(&'a Relay);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.stop();
    }
}

/// The order in which the senders take turns in `round`: rotated by one each
/// round and reversed every other lap, so that no fixed preference among
/// senders (say, "newest sender first") can deliver every round in order.
fn relay_order(round: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..RELAY_SENDERS)
        .map(|j| (round + j) % RELAY_SENDERS)
        .collect();
    if (round / RELAY_SENDERS) % 2 == 1 {
        order.reverse();
    }
    order
}

/// One message of [`order_follows_happens_before`].
#[derive(Debug, PartialEq, Eq)]
struct Hop {
    round: usize,
    /// 0 for the round's first send, 1 for the send that happened after it, …
    turn: usize,
    sender: usize,
}

impl Hop {
    fn describe(&self) -> String {
        let Hop {
            round,
            turn,
            sender,
        } = self;
        format!("sender {sender}'s message of round {round} (send {turn} of the round)")
    }
}

/// (2) Sends ordered by *happens-before* arrive in that order, even when they
/// come from different threads through different clones of the sender.
///
/// [`RELAY_SENDERS`] threads each hold a clone of one sender. In each of
/// [`RELAY_ROUNDS`] × [`scale`] rounds they take turns: a thread sends its
/// message and, only after its `send` has returned, passes the turn to the
/// next thread through a counter guarded by a `Mutex` (not through the channel
/// under test). So each send of a round happens before the next one, and the
/// receiver must get the round's messages in turn order. The turn order
/// changes from round to round (rotated by one, and reversed every other lap),
/// so no fixed preference among senders gets every round right. So that the
/// messages meet inside the channel, the receiver starts a round only after
/// the first `round % (RELAY_SENDERS + 1)` of its sends have returned, capped
/// at the capacity (none on a rendezvous channel, at most one with capacity
/// 1), which keeps every send able to finish. After the last round, `recv`
/// must return `Err`: nothing extra arrives.
///
/// What it does not check: sends that overlap in time have no promised order,
/// so none is checked, and the only happens-before edge tried is a `Mutex`
/// hand-off between sends.
pub fn order_follows_happens_before<F: Flavor>(flavor: &F) {
    let rounds = RELAY_ROUNDS * scale();
    let buffered = flavor
        .capacity()
        .unwrap_or(RELAY_SENDERS)
        .min(RELAY_SENDERS);
    let relay = Arc::new(Relay::new());
    let (tx, rx) = flavor.channel::<Hop>();
    let senders: Vec<JoinHandle<Result<(), usize>>> = (0..RELAY_SENDERS)
        .map(|sender| {
            let tx = tx.clone();
            let relay = Arc::clone(&relay);
            thread::spawn(move || {
                for round in 0..rounds {
                    let turn = relay_order(round)
                        .iter()
                        .position(|&s| s == sender)
                        .expect("every sender has a turn");
                    if relay.wait_until(Some(sender), |s| s.round == round && s.sent == turn) {
                        return Ok(());
                    }
                    let hop = Hop {
                        round,
                        turn,
                        sender,
                    };
                    if F::send(&tx, hop).is_err() {
                        relay.stop();
                        return Err(round);
                    }
                    // The send has returned: only now may the next turn begin.
                    relay.update(|s| s.sent += 1);
                }
                Ok(())
            })
        })
        .collect();
    drop(tx);

    let stop = StopOnDrop(&relay);
    let send_failed = |senders: Vec<JoinHandle<Result<(), usize>>>| {
        for (sender, handle) in senders.into_iter().enumerate() {
            if let Err(round) = join(handle) {
                panic!(
                    "sender {sender}: send in round {round} failed while the receiver was alive"
                );
            }
        }
    };
    for round in 0..rounds {
        let head_start = (round % (RELAY_SENDERS + 1)).min(buffered);
        record_step(format!(
            "round {round} of {rounds}: waiting for the first {head_start} sends to return"
        ));
        if relay.wait_until(None, |s| s.sent >= head_start) {
            send_failed(senders);
            unreachable!("the relay stops early only when a send fails");
        }
        record_step(format!(
            "round {round} of {rounds}: receiving its {RELAY_SENDERS} messages"
        ));
        for turn in 0..RELAY_SENDERS {
            let Ok(hop) = F::recv(&rx) else {
                relay.stop();
                send_failed(senders);
                panic!(
                    "round {round}: recv returned Err after {turn} of the round's \
                     {RELAY_SENDERS} messages, while every sender was alive"
                );
            };
            progress();
            let expected = Hop {
                round,
                turn,
                sender: relay_order(round)[turn],
            };
            assert!(
                hop == expected,
                "out of happens-before order: in round {round}, the receiver got {} \
                 when {} was next. Each send of a round returned before the next sender \
                 was told to send, so the channel must deliver them in that order \
                 (the receiver started once at least {head_start} of the round's \
                 {RELAY_SENDERS} sends had returned)",
                hop.describe(),
                expected.describe(),
            );
        }
        record_step(format!(
            "round {round} of {rounds}: waiting for the last sender to report"
        ));
        if relay.wait_until(None, |s| s.sent == RELAY_SENDERS) {
            send_failed(senders);
            unreachable!("the relay stops early only when a send fails");
        }
        relay.update(|s| {
            s.round += 1;
            s.sent = 0;
        });
    }
    drop(stop);
    record_step("recv after the last round: every sender has dropped its clone");
    if let Ok(hop) = F::recv(&rx) {
        panic!(
            "after the last round, recv returned {}: a message that was never sent, \
             or sent twice",
            hop.describe()
        );
    }
    for (sender, handle) in senders.into_iter().enumerate() {
        record_step(format!("joining sender {sender}"));
        if let Err(round) = join(handle) {
            panic!("sender {sender}: send in round {round} failed while the receiver was alive");
        }
    }
}

/// (3) `recv` returns `Err` only when every sender is gone *and* the buffer is
/// drained.
///
/// - Messages buffered before the last sender is dropped are still delivered,
///   in order; then `recv` returns `Err`, and keeps returning it.
/// - Clones count as senders: dropping the original while a clone lives keeps
///   the channel open, and the clone's messages arrive.
/// - A receiver blocked in `recv` is woken with `Err` when the last sender is
///   dropped, and not before.
pub fn recv_errs_only_when_senders_gone_and_drained<F: Flavor>(flavor: &F) {
    // Buffered messages outlive the senders.
    let buffered = flavor.capacity().map_or(8, |c| c.min(8));
    if buffered > 0 {
        let (tx, rx) = flavor.channel::<usize>();
        let clone = tx.clone();
        for i in 0..buffered {
            let sender = if i % 2 == 0 { &tx } else { &clone };
            record_step(format!(
                "sending message {i} of {buffered} (within capacity: must not block)"
            ));
            assert!(
                F::send(sender, i).is_ok(),
                "send failed while the receiver is alive"
            );
        }
        drop(tx);
        drop(clone);
        for i in 0..buffered {
            record_step(format!(
                "receiving buffered message {i} after the last sender was dropped"
            ));
            assert_eq!(
                F::recv(&rx),
                Ok(i),
                "message {i} was buffered before the last sender was dropped: \
                 recv must still deliver it, in order, before reporting Err"
            );
        }
        record_step("recv on a drained channel with no senders");
        assert_eq!(
            F::recv(&rx),
            Err(Disconnected),
            "no senders and nothing buffered: recv must return Err"
        );
        assert_eq!(
            F::recv(&rx),
            Err(Disconnected),
            "recv must keep returning Err once disconnected"
        );
    }

    // A clone keeps the channel open after the original is dropped.
    const N: usize = 100;
    let (original, rx) = flavor.channel::<usize>();
    let clone = original.clone();
    let first = thread::spawn(move || {
        for i in 0..N {
            F::send(&original, i).map_err(|_| i)?;
        }
        Ok::<(), usize>(())
        // `original` is dropped here.
    });
    let second = thread::spawn(move || {
        // Only the clone is alive from here on.
        let first_result = first.join();
        thread::sleep(PAUSE);
        for i in N..2 * N {
            F::send(&clone, i).map_err(|_| i)?;
        }
        first_result.unwrap_or_else(|payload| panic::resume_unwind(payload))
    });
    for i in 0..2 * N {
        record_step(format!(
            "receiving message {i} of {} (from the original sender, then from its clone)",
            2 * N
        ));
        assert_eq!(
            F::recv(&rx),
            Ok(i),
            "the original sender was dropped after message {}, but a clone was alive: \
             the channel must stay open and deliver the clone's messages in order",
            N - 1
        );
    }
    record_step("recv after the clone (the last sender) was dropped");
    assert_eq!(
        F::recv(&rx),
        Err(Disconnected),
        "the last sender (a clone) is gone and the buffer is drained: recv must return Err"
    );
    record_step("joining the senders' threads");
    if let Err(i) = join(second) {
        panic!("send of message {i} failed while the receiver was alive");
    }

    // A blocked recv is woken by the last sender's drop, and only by the last.
    let (tx, rx) = flavor.channel::<usize>();
    let clone = tx.clone();
    let waiter = thread::spawn(move || F::recv(&rx));
    thread::sleep(PAUSE);
    drop(tx);
    thread::sleep(PAUSE);
    if waiter.is_finished() {
        panic!(
            "recv returned {:?} while a clone of the sender was alive and nothing had been sent",
            join(waiter)
        );
    }
    drop(clone);
    record_step("joining a thread blocked in recv: dropping the last sender must wake it with Err");
    assert_eq!(
        join(waiter),
        Err(Disconnected),
        "a recv blocked when the last sender was dropped must return Err"
    );
}

/// (4) A `send` that fails because the receiver is gone gives back the very
/// value it was given (same text, same heap allocation), whether the sender is
/// the original or a clone, and whether or not messages were left buffered.
pub fn failed_send_returns_the_value<F: Flavor>(flavor: &F) {
    fn check<F: Flavor>(tx: &F::Sender<String>, n: usize, context: &str) {
        let value = ticket(n);
        let ptr = value.as_ptr();
        record_step(format!("send after the receiver was dropped ({context})"));
        match F::send(tx, value) {
            Ok(()) => panic!("send returned Ok after the receiver was dropped ({context})"),
            Err(back) => assert_same_value(
                &back,
                &ticket(n),
                ptr,
                &format!("send after the receiver was dropped ({context})"),
            ),
        }
    }

    let (tx, rx) = flavor.channel::<String>();
    let early_clone = tx.clone();
    drop(rx);
    check::<F>(&tx, 1, "original sender");
    check::<F>(&early_clone, 2, "clone made before the drop");
    check::<F>(&tx.clone(), 3, "clone made after the drop");

    if flavor.capacity() != Some(0) {
        let (tx, rx) = flavor.channel::<String>();
        record_step("send into an empty buffer (must not block)");
        assert!(
            F::send(&tx, ticket(4)).is_ok(),
            "send failed while the receiver is alive"
        );
        drop(rx);
        check::<F>(
            &tx,
            5,
            "a message was still buffered when the receiver was dropped",
        );
    }
}

/// (5) Dropping the receiver drops the buffered messages at once (even while a
/// sender is alive), drops none twice, and wakes a sender blocked in `send`
/// (on a full bounded channel, or a rendezvous channel) with `Err` giving its
/// value back.
pub fn dropping_receiver_drops_buffer_and_wakes_senders<F: Flavor>(flavor: &F) {
    let capacity = flavor.capacity();
    let buffered = capacity.unwrap_or(16);
    let drops = Arc::new(AtomicUsize::new(0));
    let (tx, rx) = flavor.channel::<Counted>();
    for id in 0..buffered {
        record_step(format!(
            "sending message {id} of {buffered} (within capacity: must not block)"
        ));
        assert!(
            F::send(&tx, Counted::new(id, &drops)).is_ok(),
            "send failed while the receiver is alive"
        );
    }
    assert_eq!(
        drops.load(Ordering::SeqCst),
        0,
        "a message was dropped while it was buffered"
    );

    // On a full bounded channel (or a rendezvous one), this send blocks.
    let blocked = capacity.map(|_| {
        let tx = tx.clone();
        let drops = Arc::clone(&drops);
        thread::spawn(move || F::send(&tx, Counted::new(buffered, &drops)))
    });
    if blocked.is_some() {
        thread::sleep(PAUSE);
    }
    drop(rx);
    assert_eq!(
        drops.load(Ordering::SeqCst),
        buffered,
        "dropping the receiver must drop the {buffered} buffered messages right away, \
         while a sender is still alive"
    );

    let mut created = buffered;
    if let Some(blocked) = blocked {
        created += 1;
        record_step(
            "joining a sender blocked in send on a full channel: \
             dropping the receiver must wake it with Err",
        );
        match join(blocked) {
            Ok(()) => {
                panic!("a send blocked on a full channel returned Ok, but the receiver was dropped")
            }
            Err(back) => assert_eq!(
                back.id, buffered,
                "a send woken by the receiver's drop gave back a different value"
            ),
        }
        assert_eq!(
            drops.load(Ordering::SeqCst),
            created,
            "the value given back by the failed send must be dropped exactly once"
        );
    }
    drop(tx);
    assert_eq!(
        drops.load(Ordering::SeqCst),
        created,
        "each message must be dropped exactly once (counted after the last sender was dropped)"
    );
}

/// (6) `try_recv` and `recv_timeout` tell apart "nothing yet" from "never
/// again".
///
/// - `try_recv`: `Empty` while a sender lives and nothing is buffered; a
///   buffered message even after the senders are gone; `Disconnected` once
///   they are gone and the buffer is drained.
/// - `recv_timeout(d)`: `Timeout` (after at least `d`, never a value that was
///   not sent) while a sender lives; a value sent by another thread;
///   `Disconnected` after, and a waiting `recv_timeout` is woken by the
///   disconnection (it does not sit out its timeout).
pub fn try_recv_and_recv_timeout<F: Flavor>(flavor: &F) {
    let (tx, rx) = flavor.channel::<String>();
    assert_eq!(
        F::try_recv(&rx),
        Err(TryRecvErr::Empty),
        "try_recv with a sender alive and nothing sent must be Empty"
    );
    record_step(format!("recv_timeout({SHORT:?}) with nothing sent"));
    let start = Instant::now();
    assert_eq!(
        F::recv_timeout(&rx, SHORT),
        Err(TimeoutErr::Timeout),
        "recv_timeout with a sender alive and nothing sent must be Timeout"
    );
    let waited = start.elapsed();
    assert!(
        waited >= SHORT,
        "recv_timeout({SHORT:?}) returned Timeout after only {waited:?}"
    );

    let sender = {
        let tx = tx.clone();
        thread::spawn(move || F::send(&tx, "hello".to_owned()))
    };
    record_step("recv_timeout(1 h) waiting for a value another thread sends");
    assert_eq!(
        F::recv_timeout(&rx, FOREVER),
        Ok("hello".to_owned()),
        "recv_timeout must return the value another thread sent"
    );
    record_step("joining the sending thread");
    assert!(
        join(sender).is_ok(),
        "send failed while the receiver is alive"
    );

    if flavor.capacity() != Some(0) {
        record_step("send into an empty buffer (must not block)");
        assert!(F::send(&tx, "a".to_owned()).is_ok());
        assert_eq!(
            F::try_recv(&rx),
            Ok("a".to_owned()),
            "try_recv must return a buffered message"
        );
        assert_eq!(
            F::try_recv(&rx),
            Err(TryRecvErr::Empty),
            "after the only buffered message was taken, try_recv must be Empty"
        );

        // Buffered, then the senders go: recv_timeout still returns it.
        let (tx2, rx2) = flavor.channel::<String>();
        record_step("send into an empty buffer (must not block)");
        assert!(F::send(&tx2, "b".to_owned()).is_ok());
        drop(tx2);
        record_step("recv_timeout with a message buffered and no senders");
        assert_eq!(
            F::recv_timeout(&rx2, SHORT),
            Ok("b".to_owned()),
            "the senders are gone but \"b\" was buffered: recv_timeout must return it"
        );
        assert_eq!(
            F::recv_timeout(&rx2, FOREVER),
            Err(TimeoutErr::Disconnected),
            "no senders and nothing buffered: recv_timeout must be Disconnected"
        );

        // And try_recv too.
        record_step("send into an empty buffer (must not block)");
        assert!(F::send(&tx, "c".to_owned()).is_ok());
        drop(tx);
        assert_eq!(
            F::try_recv(&rx),
            Ok("c".to_owned()),
            "the senders are gone but \"c\" was buffered: try_recv must return it"
        );
    } else {
        drop(tx);
    }
    assert_eq!(
        F::try_recv(&rx),
        Err(TryRecvErr::Disconnected),
        "no senders and nothing buffered: try_recv must be Disconnected"
    );
    record_step("recv_timeout(1 h) with no senders and nothing buffered");
    assert_eq!(
        F::recv_timeout(&rx, FOREVER),
        Err(TimeoutErr::Disconnected),
        "no senders and nothing buffered: recv_timeout must be Disconnected"
    );

    // A receiver waiting in recv_timeout is woken by the disconnection.
    let (tx, rx) = flavor.channel::<String>();
    let waiter = thread::spawn(move || F::recv_timeout(&rx, FOREVER));
    thread::sleep(PAUSE);
    if waiter.is_finished() {
        panic!(
            "recv_timeout(1 h) returned {:?} while a sender was alive and nothing had been sent",
            join(waiter)
        );
    }
    drop(tx);
    record_step(
        "joining a thread waiting in recv_timeout(1 h): \
         dropping the last sender must wake it with Disconnected",
    );
    assert_eq!(
        join(waiter),
        Err(TimeoutErr::Disconnected),
        "a recv_timeout waiting when the last sender was dropped must return Disconnected"
    );
}

/// (7) `try_send` never blocks: `Full` exactly when a bounded channel holds
/// `capacity` messages (a rendezvous channel: when no receiver is waiting, and
/// it succeeds once one is), never `Full` on an unbounded channel, and
/// `Disconnected` giving the value back once the receiver is gone, even when
/// the buffer is full. `Full` gives the very value back too.
pub fn try_send_full_and_disconnected<F: Flavor>(flavor: &F) {
    match flavor.capacity() {
        None => {
            const N: usize = 10_000;
            let (tx, rx) = flavor.channel::<usize>();
            for i in 0..N {
                match F::try_send(&tx, i) {
                    Ok(()) => {}
                    Err(TrySendErr::Full(_)) => {
                        panic!("an unbounded channel's try_send returned Full after {i} messages")
                    }
                    Err(TrySendErr::Disconnected(_)) => {
                        panic!("try_send returned Disconnected while the receiver is alive")
                    }
                }
            }
            drop(tx);
            for i in 0..N {
                record_step(format!("receiving message {i} of {N} sent with try_send"));
                assert_eq!(F::recv(&rx), Ok(i), "messages sent with try_send, in order");
            }
        }
        Some(0) => {
            let (tx, rx) = flavor.channel::<String>();
            let value = ticket(1);
            let ptr = value.as_ptr();
            match F::try_send(&tx, value) {
                Err(TrySendErr::Full(back)) => assert_same_value(
                    &back,
                    &ticket(1),
                    ptr,
                    "try_send on a rendezvous channel with no receiver waiting",
                ),
                other => panic!(
                    "try_send on a rendezvous channel with no receiver waiting must be Full, got {other:?}"
                ),
            }
            let receiver = thread::spawn(move || F::recv(&rx));
            record_step(
                "try_send in a loop while a thread waits in recv: \
                 a rendezvous channel must accept once a receiver is waiting",
            );
            let mut value = ticket(2);
            loop {
                match F::try_send(&tx, value) {
                    Ok(()) => break,
                    Err(TrySendErr::Full(back)) => {
                        value = back;
                        thread::sleep(Duration::from_millis(1));
                    }
                    Err(TrySendErr::Disconnected(_)) => {
                        panic!("try_send returned Disconnected while the receiver is alive")
                    }
                }
            }
            record_step("joining the receiving thread");
            assert_eq!(
                join(receiver),
                Ok(ticket(2)),
                "the waiting receiver must get the value try_send handed over"
            );
        }
        Some(capacity) => {
            let (tx, rx) = flavor.channel::<String>();
            for i in 0..capacity {
                match F::try_send(&tx, ticket(i)) {
                    Ok(()) => {}
                    Err(e) => {
                        panic!("try_send with {i} of {capacity} slots used must succeed, got {e:?}")
                    }
                }
            }
            let value = ticket(capacity);
            let ptr = value.as_ptr();
            match F::try_send(&tx, value) {
                Err(TrySendErr::Full(back)) => {
                    assert_same_value(&back, &ticket(capacity), ptr, "try_send on a full channel")
                }
                other => {
                    panic!("try_send with all {capacity} slots used must be Full, got {other:?}")
                }
            }
            record_step("recv from a full channel");
            assert_eq!(F::recv(&rx), Ok(ticket(0)));
            assert_eq!(
                F::try_send(&tx, ticket(capacity)),
                Ok(()),
                "a recv made room: try_send must succeed"
            );
            assert!(
                matches!(
                    F::try_send(&tx, ticket(capacity + 1)),
                    Err(TrySendErr::Full(_))
                ),
                "the channel is full again: try_send must be Full"
            );
            for i in 1..=capacity {
                record_step(format!("receiving message {i} sent with try_send"));
                assert_eq!(F::recv(&rx), Ok(ticket(i)), "messages in the order sent");
            }
        }
    }

    // After the receiver is dropped: Disconnected, even with a full buffer.
    let (tx, rx) = flavor.channel::<String>();
    let capacity = flavor.capacity().unwrap_or(0);
    for i in 0..capacity {
        assert!(
            F::try_send(&tx, ticket(i)).is_ok(),
            "try_send within capacity must succeed"
        );
    }
    drop(rx);
    let value = ticket(99);
    let ptr = value.as_ptr();
    match F::try_send(&tx, value) {
        Err(TrySendErr::Disconnected(back)) => assert_same_value(
            &back,
            &ticket(99),
            ptr,
            "try_send after the receiver was dropped",
        ),
        other => panic!(
            "try_send after the receiver was dropped must be Disconnected \
             (even with the buffer full), got {other:?}"
        ),
    }
}

/// (8) A producer that panics while holding a sender: the sender is dropped
/// during unwinding, so the consumer gets every message sent (the panicking
/// producer's messages before its panic, all of the others'), in order, and
/// then `Err` instead of waiting forever; joining the producer gives `Err`.
pub fn panicking_producer_drops_its_sender<F: Flavor>(flavor: &F) {
    const PRODUCERS: usize = 4;
    const MESSAGES: usize = 1_000;
    const PANICKER: usize = 2;
    const BEFORE_PANIC: usize = 100;
    let (tx, rx) = flavor.channel::<(usize, usize)>();
    let producers: Vec<JoinHandle<Result<(), usize>>> = (0..PRODUCERS)
        .map(|id| {
            let tx = tx.clone();
            thread::spawn(move || {
                let count = if id == PANICKER {
                    BEFORE_PANIC
                } else {
                    MESSAGES
                };
                for seq in 0..count {
                    F::send(&tx, (id, seq)).map_err(|_| seq)?;
                }
                if id == PANICKER {
                    panic!("deliberate panic in producer {id}, which holds a sender {DELIBERATE}");
                }
                Ok(())
            })
        })
        .collect();
    drop(tx);

    record_step(
        "receiving until Err: the panicking producer's sender must be dropped \
         during unwinding, or this recv never returns",
    );
    let mut tally = Tally::new(PRODUCERS);
    while let Ok((id, seq)) = F::recv(&rx) {
        tally.record(id, seq);
    }
    let mut sent = [MESSAGES; PRODUCERS];
    sent[PANICKER] = BEFORE_PANIC;
    tally.check(&sent);
    for (id, producer) in producers.into_iter().enumerate() {
        record_step(format!("joining producer {id}"));
        if id == PANICKER {
            match producer.join() {
                Err(payload) => assert!(
                    panic_text(payload.as_ref()).contains("deliberate panic"),
                    "the producer panicked, but not with the deliberate panic"
                ),
                Ok(_) => panic!("joining the producer that panicked must give Err"),
            }
        } else if let Err(seq) = join(producer) {
            panic!("producer {id}: send of message #{seq} failed while the receiver was alive");
        }
    }
}

/// (9) A consumer thread that panics while holding the receiver: the receiver
/// is dropped during unwinding, so the buffered messages are dropped, a sender
/// blocked on a full (or rendezvous) channel is released with `Err` and its
/// value, and every later `send` fails, giving its value back.
pub fn panicking_consumer_drops_its_receiver<F: Flavor>(flavor: &F) {
    let capacity = flavor.capacity();
    let drops = Arc::new(AtomicUsize::new(0));
    let (tx, rx) = flavor.channel::<Counted>();
    let go = Arc::new(Barrier::new(2));
    let first = Arc::new(Mutex::new(None));
    let consumer = {
        let go = Arc::clone(&go);
        let first = Arc::clone(&first);
        thread::spawn(move || {
            let received = F::recv(&rx).map(|message| message.id);
            *first.lock().unwrap() = Some(received);
            go.wait();
            panic!("deliberate panic in the consumer, which holds the receiver {DELIBERATE}");
        })
    };
    let mut created = 0;
    record_step("sending message 0 to the consumer thread");
    assert!(
        F::send(&tx, Counted::new(0, &drops)).is_ok(),
        "send failed while the receiver is alive"
    );
    created += 1;
    let buffered = capacity.unwrap_or(16);
    for id in 1..=buffered {
        record_step(format!(
            "sending message {id} (fills the buffer; the consumer takes message 0)"
        ));
        assert!(
            F::send(&tx, Counted::new(id, &drops)).is_ok(),
            "send failed while the receiver is alive"
        );
        created += 1;
    }
    let blocked = capacity.map(|_| {
        let tx = tx.clone();
        let drops = Arc::clone(&drops);
        created += 1;
        thread::spawn(move || F::send(&tx, Counted::new(buffered + 1, &drops)))
    });
    if blocked.is_some() {
        thread::sleep(PAUSE);
    }

    record_step("waiting for the consumer to take message 0");
    go.wait();
    record_step("joining the consumer thread, which panics");
    match consumer.join() {
        Err(payload) => assert!(
            panic_text(payload.as_ref()).contains("deliberate panic"),
            "the consumer panicked, but not with the deliberate panic: {}",
            panic_text(payload.as_ref())
        ),
        Ok(()) => unreachable!("the consumer always panics"),
    }
    assert_eq!(
        *first.lock().unwrap(),
        Some(Ok(0)),
        "the consumer's first recv must return message 0"
    );
    assert_eq!(
        drops.load(Ordering::SeqCst),
        1 + buffered,
        "the panicking consumer's receiver must be dropped during unwinding, \
         dropping message 0 and the {buffered} buffered messages"
    );

    if let Some(blocked) = blocked {
        record_step(
            "joining a sender blocked on a full channel: the consumer's panic \
             dropped the receiver, which must wake it with Err",
        );
        match join(blocked) {
            Ok(()) => {
                panic!("a send blocked on a full channel returned Ok, but the consumer panicked")
            }
            Err(back) => assert_eq!(back.id, buffered + 1, "a different value was given back"),
        }
    }

    record_step("send after the consumer panicked");
    match F::send(&tx, Counted::new(1_000, &drops)) {
        Ok(()) => panic!("send returned Ok after the consumer thread panicked"),
        Err(back) => assert_eq!(back.id, 1_000, "a different value was given back"),
    }
    created += 1;
    drop(tx);
    assert_eq!(
        drops.load(Ordering::SeqCst),
        created,
        "each message must be dropped exactly once"
    );
}
