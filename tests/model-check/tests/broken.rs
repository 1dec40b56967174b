//! The checker has teeth: a copy of stage 4 with one deliberate bug (see
//! src/broken.rs) must be rejected, with the interleaving that breaks it.
#![cfg(loom)]

use loom::thread;
use model_check::broken::channel;
use model_check::{PREEMPTION_BOUND, check, note, preemption_bound, runs, trace};
use std::any::Any;

/// The failing interleaving as chapter 19 shows it. loom explores in a fixed
/// order, so with the default preemption bound it finds this one first.
const SHOWN: &str = "broken-stage4-interleaving.txt";

/// The scenario `tests/stages.rs` runs on the real stage 4: two producers
/// send two messages each and leave; the receiver takes messages until
/// `recv` says every sender is gone.
fn two_producers_two_messages_each() {
    let (tx0, mut rx) = channel::<(usize, usize)>();
    let tx1 = tx0.clone_named("sender 1");
    let producers: Vec<_> = [tx0, tx1]
        .into_iter()
        .enumerate()
        .map(|(producer, tx)| {
            thread::spawn(move || {
                for seq in 0..2 {
                    tx.send((producer, seq));
                }
            })
        })
        .collect();
    let mut received = 0;
    while let Some((producer, seq)) = rx.recv() {
        note(format!("receiver: got ({producer}, {seq})"));
        received += 1;
    }
    assert_eq!(received, 4, "a message was lost");
    for producer in producers {
        producer.join().unwrap();
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else {
        "(a panic without a message)".into()
    }
}

#[test]
fn checker_rejects_a_flag_cleared_without_a_notification() {
    // The failure is expected: keep its backtrace out of the output (this
    // test binary runs nothing else, so no other panic goes unreported).
    let report_panics = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let verdict = std::panic::catch_unwind(|| {
        check(
            "broken stage 4, two producers, two messages each",
            two_producers_two_messages_each,
        )
    });
    std::panic::set_hook(report_panics);
    let payload = match verdict {
        Ok(runs) => panic!(
            "the model checker accepted the broken stage 4 after {runs} interleavings: \
             it no longer finds the lost wake-up it exists to find"
        ),
        Err(payload) => payload,
    };
    let message = panic_message(payload.as_ref());
    let steps = trace();
    println!(
        "loom: {message}\nthe failing interleaving (number {} explored):",
        runs()
    );
    for step in &steps {
        println!("  {step}");
    }
    assert!(
        message.contains("deadlock"),
        "expected loom to report a deadlock (the receiver asleep for good), got: {message}"
    );
    // The log must show the bug at work: a sender that is not the last one
    // clearing the flag of a sleeping receiver without waking it, and the
    // receiver going to sleep and never being woken afterwards.
    let cleared = steps
        .iter()
        .position(|s| s.contains("drops, 1 sender(s) left, flag was true"))
        .unwrap_or_else(|| {
            panic!("the failing interleaving does not show the flag cleared without a notification")
        });
    let last_sleep = steps
        .iter()
        .rposition(|s| s.contains("sleeps"))
        .expect("the failing interleaving does not show the receiver going to sleep");
    assert!(
        last_sleep < cleared && !steps[last_sleep..].iter().any(|s| s.contains("woken")),
        "the receiver should fall asleep before the flag is cleared and never wake: {steps:#?}"
    );
    // The chapter shows this interleaving: it must be the one found. A
    // snapbox snapshot, compared exactly; `cargo xtask bless` re-records it
    // (snapbox's `SNAPSHOTS=overwrite`) if loom's order changes.
    if preemption_bound() == PREEMPTION_BOUND {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SHOWN);
        let found = steps.join("\n") + "\n";
        let shown = snapbox::Data::read_from(&path, None).raw();
        if let Err(e) = snapbox::Assert::new()
            .action_env(snapbox::assert::DEFAULT_ACTION_ENV)
            .try_eq(Some(&"the interleaving loom found"), found.into(), shown)
        {
            panic!(
                "the failing interleaving differs from the one chapter 19 shows; if loom's \
                 order changed, review it and re-record it with `cargo xtask bless`:\n{e}"
            );
        }
    }
}
