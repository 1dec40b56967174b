// ANCHOR: solution
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex};
use std::thread;

/// Two chefs, numbered 0 and 1, take tickets off one rail until it is closed
/// and empty. Each ticket is cooked exactly once, by the chef that took it,
/// with `cook(chef, ticket)`. Returns the tickets each chef cooked, in the
/// order it took them: `result[0]` for chef 0, `result[1]` for chef 1.
pub fn two_chefs<F>(rail: Receiver<u32>, cook: F) -> Vec<Vec<u32>>
where
    F: Fn(usize, u32) + Send + Sync + 'static,
{
    // Both chefs may call `cook`: the `Arc` lets them share it.
    let cook = Arc::new(cook);
    // Still one Receiver: the mutex lets one chef at a time take a ticket,
    // and the `Arc` lets both chefs own the mutex.
    let rail = Arc::new(Mutex::new(rail));

    let chefs: Vec<_> = (0..2)
        .map(|chef| {
            let (rail, cook) = (Arc::clone(&rail), Arc::clone(&cook));
            thread::spawn(move || {
                let mut cooked = Vec::new();
                loop {
                    // The lock guard is a temporary, dropped at the end of
                    // this statement: the rail is free again before we cook.
                    let next = rail.lock().unwrap().recv();
                    let Ok(ticket) = next else {
                        // Closed and empty: no ticket can ever come.
                        break;
                    };
                    cook(chef, ticket);
                    cooked.push(ticket);
                }
                cooked
            })
        })
        .collect();

    chefs.into_iter().map(|c| c.join().unwrap()).collect()
}
// ANCHOR_END: solution
