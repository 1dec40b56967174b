// ANCHOR: all
use std::sync::mpsc;

fn main() {
    // ANCHOR: live
    let (tx, rx) = mpsc::channel();
    tx.send("soup").unwrap();
    tx.send("steak").unwrap();
    // Cooking the steak puts a follow-up on the rail: `try_iter` is no
    // snapshot of the rail, so it takes that one too.
    for ticket in rx.try_iter() {
        println!("took {ticket}");
        if ticket == "steak" {
            tx.send("sauce for the steak").unwrap();
        }
    }
    // ANCHOR_END: live

    // ANCHOR: not_the_end
    // The iterator ended, the channel did not.
    println!("try_recv after it ended: {:?}", rx.try_recv());
    let mut look = rx.try_iter();
    println!("next: {:?}", look.next());
    tx.send("pie").unwrap();
    // The same iterator, after it returned None: not a fused iterator.
    println!("next again: {:?}", look.next());
    println!("size_hint: {:?}", look.size_hint());
    // ANCHOR_END: not_the_end
}
// ANCHOR_END: all
