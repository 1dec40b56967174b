//! Output checks for the listings of chapter 7.
//!
//! Each listing is the fixed version of a program the compiler rejects. The
//! single-producer ones are deterministic; where threads race, the checks state
//! what every run guarantees: every message handled exactly once, each
//! producer's (or each chef's) order kept, and the closing line last.

use listings::*;
use std::process::ExitStatus;

pub const PROPERTIES: &[(&str, Property)] = &[
    // Two chefs share one Receiver through Arc<Mutex<..>>: every ticket is
    // cooked exactly once, by one of them, and the loops end.
    ("listing-07-01-shared-receiver", shared_receiver),
    // ERRATA 8: the Receiver is moved into one thread (Send), while two
    // scoped waiters borrow one Sender (Sync).
    (
        "listing-07-02-one-chef-owns-receiver",
        one_chef_owns_receiver,
    ),
    // The waiter sends the ticket and still prints its clone.
    ("listing-07-05-clone-before-send", clone_before_send),
    // A cloned Sender for one waiter, the original for the other; the
    // chef's loop ends once both are gone.
    ("listing-07-06-clone-sender", clone_sender),
];

/// Listing 7-1: six tickets, two chefs. Each line is "<chef> cooks ticket N";
/// every ticket appears once, each chef's tickets rise (the rail is FIFO and
/// a chef takes one at a time), and "kitchen closed" comes last.
fn shared_receiver(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    let cooked = all_but_last(out, 1);
    let mut tickets = Vec::new();
    for chef in ["grill", "fryer"] {
        let own = lines_with_prefix(&cooked.join("\n"), &format!("{chef} cooks "))
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>();
        let numbers: Vec<u32> = own
            .iter()
            .map(|t| {
                t.strip_prefix("ticket ")
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| format!("{chef}: unexpected line {t:?}"))
            })
            .collect::<Result<_, _>>()?;
        if !numbers.windows(2).all(|w| w[0] < w[1]) {
            return Err(format!("{chef} cooked out of order: {numbers:?}"));
        }
        tickets.extend(own);
    }
    if tickets.len() != cooked.len() {
        return Err(format!("lines from neither chef in {cooked:?}"));
    }
    let tickets: Vec<&str> = tickets.iter().map(String::as_str).collect();
    let expected: Vec<String> = (1..=6).map(|n| format!("ticket {n}")).collect();
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    same_multiset(&tickets, &expected)?;
    last_line_is(out, "kitchen closed")
}

/// Listing 7-2: two waiters, two tables each; the chef cooks all four, each
/// waiter's in the order sent, then reports the count after the channel closed.
fn one_chef_owns_receiver(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    let cooked = all_but_last(out, 1);
    let mut expected = Vec::new();
    for waiter in ["Ana", "Ben"] {
        let sent: Vec<String> = (1..=2)
            .map(|t| format!("chef cooks table {t} from {waiter}"))
            .collect();
        let sent: Vec<&str> = sent.iter().map(String::as_str).collect();
        in_order(&cooked, &sent)?;
        expected.extend(sent.iter().map(|s| s.to_string()));
    }
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    same_multiset(&cooked, &expected)?;
    last_line_is(out, "kitchen closed after 4 tickets")
}

/// Listing 7-5: the waiter's line and the chef's line, in either order.
fn clone_before_send(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    let lines: Vec<&str> = out.lines().collect();
    same_multiset(
        &lines,
        &["waiter sent table 7: pasta", "chef cooks table 7: pasta"],
    )
}

/// Listing 7-6: both tickets cooked once, in either order, then the loop ends.
fn clone_sender(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    same_multiset(
        &all_but_last(out, 1),
        &["chef cooks soup from Ana", "chef cooks stew from Ben"],
    )?;
    last_line_is(out, "kitchen closed")
}
