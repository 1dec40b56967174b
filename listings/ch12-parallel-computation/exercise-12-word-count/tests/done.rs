use exercise_12_word_count::{WordCount, count_words, parallel_word_count};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

/// Runs `parallel_word_count` on a thread of its own and waits at most 5 s
/// for it, so a Sender left alive fails the test instead of hanging it.
fn count_within_5s(lines: &[&str], workers: usize) -> WordCount {
    let owned: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || {
        let lines: Vec<&str> = owned.iter().map(String::as_str).collect();
        done_tx.send(parallel_word_count(&lines, workers)).unwrap();
    });
    match done_rx.recv_timeout(Duration::from_secs(5)) {
        Ok(result) => result,
        Err(RecvTimeoutError::Timeout) => {
            panic!("`parallel_word_count` did not return within 5 s: is a Sender still alive?")
        }
        Err(RecvTimeoutError::Disconnected) => {
            panic!("`parallel_word_count` panicked (see its message above)")
        }
    }
}

const ORDER_LOG: [&str; 12] = [
    "table 1 soup bread",
    "table 2 pasta salad",
    "table 3 soup soup cake",
    "Table 4 steak fries",
    "table 5 pasta",
    "table 6 cake coffee",
    "table 1 coffee coffee",
    "table 2 soup",
    "",
    "table 3 bread   bread",
    "table 4 SOUP cake",
    "table 5 fries",
];

#[test]
fn known_counts() {
    let result = count_within_5s(&["soup Soup", "bread", "SOUP bread cake"], 2);
    let expected = [("soup", 3), ("bread", 2), ("cake", 1)]
        .map(|(w, n)| (w.to_string(), n))
        .into();
    assert_eq!(result.counts, expected);
}

#[test]
fn agrees_with_the_sequential_count() {
    let expected = count_words(&ORDER_LOG);
    for workers in [1, 2, 3, 4, 5, 7, 12] {
        let result = count_within_5s(&ORDER_LOG, workers);
        assert_eq!(result.counts, expected, "with {workers} workers");
        assert!(
            (1..=workers).contains(&result.partials),
            "with {workers} workers: {} partial maps arrived; expected 1 to {workers}",
            result.partials
        );
    }
}

#[test]
fn splits_the_work_between_the_workers() {
    // 12 lines divide evenly, so every worker gets a chunk of its own.
    for workers in [1, 3, 4, 6] {
        let result = count_within_5s(&ORDER_LOG, workers);
        assert_eq!(
            result.partials, workers,
            "12 lines and {workers} workers: expected one partial map per worker"
        );
    }
}

#[test]
fn more_workers_than_lines() {
    let lines = ["soup", "cake soup", "coffee"];
    let result = count_within_5s(&lines, 8);
    assert_eq!(result.counts, count_words(&lines));
    assert!(
        (1..=3).contains(&result.partials),
        "3 lines can make at most 3 non-empty chunks, got {} partial maps",
        result.partials
    );
}

#[test]
fn one_worker_one_chunk() {
    let result = count_within_5s(&ORDER_LOG, 1);
    assert_eq!(result.counts, count_words(&ORDER_LOG));
    assert_eq!(result.partials, 1);
}

#[test]
fn empty_input() {
    let result = count_within_5s(&[], 4);
    assert!(result.counts.is_empty());
    assert_eq!(result.partials, 0, "no lines, no chunks, no partial maps");
    // Lines without words still make a chunk, whose map is empty.
    let result = count_within_5s(&["", "   "], 2);
    assert!(result.counts.is_empty());
}
