use exercise_14_bounded_line::{LineReport, run_line};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

/// Serve every dish that comes.
const ALL: usize = usize::MAX;

/// Runs the line on a thread of its own and waits at most 5 s for it, so a
/// station that never stops fails the test instead of hanging it.
fn run_within_5s(orders: Vec<u32>, room: usize, serve: usize) -> LineReport {
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || done_tx.send(run_line(orders, room, serve)).unwrap());
    match done_rx.recv_timeout(Duration::from_secs(5)) {
        Ok(report) => report,
        Err(RecvTimeoutError::Timeout) => panic!(
            "the line did not shut down within 5 s: does `station` stop when its input \
             is closed and empty, and when its `send` fails?"
        ),
        Err(RecvTimeoutError::Disconnected) => {
            panic!("the line panicked (see the message above)")
        }
    }
}

fn dishes(orders: impl IntoIterator<Item = u32>) -> Vec<String> {
    orders
        .into_iter()
        .map(|o| format!("order {o} cooked and plated"))
        .collect()
}

#[test]
fn every_order_comes_out_once_and_in_order() {
    for room in [1, 2, 3] {
        let report = run_within_5s((1..=50).collect(), room, ALL);
        assert_eq!(report.served, dishes(1..=50), "with room {room}");
        assert_eq!(report.orders_sent, 50, "with room {room}");
    }
}

#[test]
fn a_quiet_day_shuts_down_too() {
    let report = run_within_5s(Vec::new(), 2, ALL);
    assert!(report.served.is_empty());
    let report = run_within_5s(vec![7], 2, ALL);
    assert_eq!(report.served, dishes([7]));
}

#[test]
fn no_station_runs_more_than_room_ahead() {
    for room in [1, 2, 3] {
        for _ in 0..5 {
            let report = run_within_5s((1..=200).collect(), room, ALL);
            assert_eq!(report.served.len(), 200, "with room {room}");
            assert!(
                report.cook_high_water <= room,
                "the order taker was {} orders ahead of the cook, on rails with room {room}",
                report.cook_high_water
            );
            assert!(
                report.plate_high_water <= room,
                "the cook was {} dishes ahead of the plater, on rails with room {room}",
                report.plate_high_water
            );
        }
    }
}

#[test]
fn the_pass_closes_early_and_the_line_stops() {
    for room in [1, 2] {
        let report = run_within_5s((1..=100).collect(), room, 5);
        assert_eq!(report.served, dishes(1..=5), "with room {room}");
        // The rest of the line can hold three rails of `room`, plus the one
        // item the cook and the plater each have in hand. Anything beyond
        // that means a station kept going after the next one had gone.
        let most = 5 + 3 * room + 2;
        assert!(
            report.orders_sent <= most,
            "the order taker got {} of 100 orders onto the line after the pass closed \
             at 5 (at most {most} fit): does `station` stop when `send` fails?",
            report.orders_sent
        );
    }
}
