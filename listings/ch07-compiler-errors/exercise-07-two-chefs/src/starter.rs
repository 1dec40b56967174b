// ANCHOR: starter
use std::sync::Arc;
use std::sync::mpsc::Receiver;
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

    // TODO: `rail` moves into chef 0's thread, so chef 1 has nothing to take
    // tickets from. A `Receiver` cannot be cloned or shared by reference:
    // change what the chefs get so that both can take turns at the one rail.
    // And let go of the rail before cooking, or the other chef cannot take
    // the next ticket while this one cooks.
    let cook_0 = Arc::clone(&cook);
    let chef_0 = thread::spawn(move || {
        let mut cooked = Vec::new();
        for ticket in rail {
            cook_0(0, ticket);
            cooked.push(ticket);
        }
        cooked
    });
    let chef_1 = thread::spawn(Vec::new);

    vec![chef_0.join().unwrap(), chef_1.join().unwrap()]
}
// ANCHOR_END: starter
