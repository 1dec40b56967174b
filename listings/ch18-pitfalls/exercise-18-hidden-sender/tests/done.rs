use exercise_18_hidden_sender::{Kitchen, ShiftReport, Ticket};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

/// Closes the kitchen on a thread of its own and waits at most 2 s for the
/// report. Every ticket is on the rail before this is called, so a working
/// `close` needs only a moment; a Sender left alive fails the test instead of
/// hanging it.
fn close_within_2s(kitchen: Kitchen) -> ShiftReport {
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || done_tx.send(kitchen.close()).unwrap());
    match done_rx.recv_timeout(Duration::from_secs(2)) {
        Ok(report) => report,
        Err(RecvTimeoutError::Timeout) => panic!(
            "`close` did not return within 2 s: the chef is still waiting for tickets, \
             so some Sender is still alive"
        ),
        Err(RecvTimeoutError::Disconnected) => panic!("`close` panicked (see its message above)"),
    }
}

/// Every waiter sends its tables from a thread of its own, with its own
/// Sender. The scope joins the waiters, so their Senders are gone on return.
fn serve(kitchen: &Kitchen, waiters: &[(&'static str, Vec<u32>)]) {
    thread::scope(|s| {
        for &(taken_by, ref tables) in waiters {
            let rail = kitchen.waiter();
            s.spawn(move || {
                for &table in tables {
                    rail.send(Ticket { taken_by, table }).unwrap();
                }
            });
        }
    });
}

fn tables_from(report: &ShiftReport, taken_by: &str) -> Vec<u32> {
    report
        .cooked
        .iter()
        .filter(|t| t.taken_by == taken_by)
        .map(|t| t.table)
        .collect()
}

#[test]
fn every_ticket_is_cooked_once() {
    let mut kitchen = Kitchen::open();
    serve(
        &kitchen,
        &[
            ("ana", vec![1, 2, 3]),
            ("ben", vec![4, 5]),
            ("caro", vec![6]),
        ],
    );
    kitchen.phone_order(7);
    kitchen.phone_order(8);

    let report = close_within_2s(kitchen);
    let mut cooked = report.cooked.clone();
    cooked.sort();
    let ticket = |taken_by, table| Ticket { taken_by, table };
    let mut expected = vec![
        ticket("ana", 1),
        ticket("ana", 2),
        ticket("ana", 3),
        ticket("ben", 4),
        ticket("ben", 5),
        ticket("caro", 6),
        ticket("phone", 7),
        ticket("phone", 8),
    ];
    expected.sort();
    assert_eq!(cooked, expected);
    assert_eq!(report.phone_orders, 2);
}

#[test]
fn each_waiter_keeps_its_order() {
    let waiters = [
        ("ana", (0..100).collect()),
        ("ben", (100..200).collect()),
        ("caro", (200..300).collect()),
    ];
    let mut kitchen = Kitchen::open();
    serve(&kitchen, &waiters);
    for table in 300..310 {
        kitchen.phone_order(table);
    }

    let report = close_within_2s(kitchen);
    for (taken_by, sent) in &waiters {
        assert_eq!(&tables_from(&report, taken_by), sent, "{taken_by}");
    }
    assert_eq!(
        tables_from(&report, "phone"),
        (300..310).collect::<Vec<_>>()
    );
    assert_eq!(report.cooked.len(), 310);
    assert_eq!(report.phone_orders, 10);
}

#[test]
fn phone_orders_alone_are_cooked() {
    let mut kitchen = Kitchen::open();
    for table in [12, 4, 9] {
        kitchen.phone_order(table);
    }
    let report = close_within_2s(kitchen);
    assert_eq!(tables_from(&report, "phone"), vec![12, 4, 9]);
    assert_eq!(report.cooked.len(), 3);
    assert_eq!(report.phone_orders, 3);
}

#[test]
fn a_quiet_service_still_closes() {
    let report = close_within_2s(Kitchen::open());
    assert!(report.cooked.is_empty(), "{:?}", report.cooked);
    assert_eq!(report.phone_orders, 0);
}
