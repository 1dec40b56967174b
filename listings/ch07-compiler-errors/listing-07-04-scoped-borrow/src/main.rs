// ANCHOR: all
use std::sync::mpsc;
use std::thread;

fn main() {
    let special = String::from("mushroom risotto");
    let (tx, rx) = mpsc::channel();

    // Every thread started in the scope ends before `scope` returns, so the
    // chef may hold references to `special`, which outlives the scope.
    thread::scope(|s| {
        s.spawn(move || {
            for dish in rx {
                println!("chef cooks {dish}");
            }
        });
        tx.send(&special).unwrap();
        // Close the channel, or the chef waits forever and so does `scope`.
        drop(tx);
    });

    println!("still on the menu: {special}");
}
// ANCHOR_END: all
