//! Output checks for the listings of chapter 7.
//!
//! Each listing is the fixed version of a program the compiler rejects. The
//! single-producer ones are deterministic; where threads race, the checks state
//! what every run guarantees: every message handled exactly once, each
//! producer's (or each chef's) order kept, and the closing line last.

#[allow(unused_imports)]
use listing_tests::*;
use std::process::ExitStatus;

pub const LISTINGS: &[Listing] = &[
    // Two chefs share one Receiver through Arc<Mutex<..>>: every ticket is
    // cooked exactly once, by one of them, and the loops end.
    Listing {
        package: "listing-07-01-shared-receiver",
        check: Check::Holds(shared_receiver),
    },
    // ERRATA 8: the Receiver is moved into one thread (Send), while two
    // scoped waiters borrow one Sender (Sync).
    Listing {
        package: "listing-07-02-one-chef-owns-receiver",
        check: Check::Holds(one_chef_owns_receiver),
    },
    // Arc crosses the channel; after the chef is done only one owner is left.
    Listing {
        package: "listing-07-03-arc-not-rc",
        check: Check::Exact,
    },
    // A reference crosses the channel inside thread::scope, and main still
    // owns the string afterwards.
    Listing {
        package: "listing-07-04-scoped-borrow",
        check: Check::Exact,
    },
    // The waiter sends the ticket and still prints its clone.
    Listing {
        package: "listing-07-05-clone-before-send",
        check: Check::Holds(clone_before_send),
    },
    // A cloned Sender for one waiter, the original for the other; the
    // chef's loop ends once both are gone.
    Listing {
        package: "listing-07-06-clone-sender",
        check: Check::Holds(clone_sender),
    },
    // Two kinds of message travel as variants of one enum.
    Listing {
        package: "listing-07-07-one-enum",
        check: Check::Exact,
    },
    // Naming the message type: the program compiles and serves no tickets.
    Listing {
        package: "listing-07-08-name-the-type",
        check: Check::Exact,
    },
];

/// Every line of `text` except the last one (the closing line).
fn all_but_last(text: &str) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().collect();
    lines[..lines.len().saturating_sub(1)].to_vec()
}

/// Listing 7-1: six tickets, two chefs. Each line is "<chef> cooks ticket N";
/// every ticket appears once, each chef's tickets rise (the rail is FIFO and
/// a chef takes one at a time), and "kitchen closed" comes last.
fn shared_receiver(out: &str, status: Option<ExitStatus>) -> Result<(), String> {
    exited_ok(status)?;
    let cooked = all_but_last(out);
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
    let cooked = all_but_last(out);
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
        &all_but_last(out),
        &["chef cooks soup from Ana", "chef cooks stew from Ben"],
    )?;
    last_line_is(out, "kitchen closed")
}
