use exercise_22_idempotent_cook::{Delivery, Handled, Pass, handle};
use std::sync::{Arc, Barrier};
use std::thread;

fn delivery(id: u32, dish: &str, delivery: u64) -> Delivery {
    Delivery {
        id: format!("ticket-{id}"),
        dish: dish.to_string(),
        delivery,
    }
}

#[test]
fn a_ticket_delivered_again_is_not_cooked_again() {
    let pass = Pass::default();
    let handled: Vec<Handled> = [
        delivery(1, "soup", 1),
        delivery(2, "bread", 1),
        delivery(1, "soup", 2),
        delivery(3, "stew", 1),
        delivery(2, "bread", 2),
        delivery(2, "bread", 3),
    ]
    .iter()
    .map(|d| handle(&pass, d))
    .collect();
    use Handled::*;
    assert_eq!(handled, [Cooked, Cooked, Repeat, Cooked, Repeat, Repeat]);
    let plates: Vec<(String, String)> = pass.plates().into_iter().collect();
    assert_eq!(
        plates,
        [
            ("ticket-1".into(), "a plate of soup".into()),
            ("ticket-2".into(), "a plate of bread".into()),
            ("ticket-3".into(), "a plate of stew".into()),
        ]
    );
}

#[test]
fn cooks_at_the_same_moment_serve_each_ticket_once() {
    const COOKS: usize = 8;
    const TICKETS: u32 = 300;
    let pass = Arc::new(Pass::default());
    let start = Arc::new(Barrier::new(COOKS));
    // Every cook gets every ticket, as if each were delivered to all of
    // them: only one may cook it.
    let cooks: Vec<_> = (0..COOKS)
        .map(|_| {
            let (pass, start) = (pass.clone(), start.clone());
            thread::spawn(move || {
                start.wait();
                (0..TICKETS)
                    .map(|t| handle(&pass, &delivery(t, "soup", 1)))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut cooked = vec![0; TICKETS as usize];
    for cook in cooks {
        for (t, handled) in cook.join().unwrap().into_iter().enumerate() {
            if handled == Handled::Cooked {
                cooked[t] += 1;
            }
        }
    }
    let wrong: Vec<(usize, i32)> = cooked
        .iter()
        .enumerate()
        .filter(|(_, n)| **n != 1)
        .map(|(t, n)| (t, *n))
        .collect();
    assert!(
        wrong.is_empty(),
        "tickets not cooked exactly once, as (ticket, times): {wrong:?}"
    );
    assert_eq!(pass.plates().len(), TICKETS as usize);
}
