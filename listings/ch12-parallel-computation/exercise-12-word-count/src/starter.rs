// ANCHOR: starter
use std::collections::HashMap;
use std::sync::mpsc;
use std::thread;

/// How often each word occurs.
pub type Counts = HashMap<String, usize>;

/// What the parallel count found, and how many partial maps went into it.
#[derive(Debug, Default, PartialEq)]
pub struct WordCount {
    pub counts: Counts,
    /// How many partial maps the workers sent (one per worker).
    pub partials: usize,
}

/// The sequential count that the parallel one must agree with. A word is a
/// whitespace-separated piece of a line, lowercased.
pub fn count_words(lines: &[&str]) -> Counts {
    let mut counts = Counts::new();
    for line in lines {
        for word in line.split_whitespace() {
            *counts.entry(word.to_lowercase()).or_insert(0) += 1;
        }
    }
    counts
}

/// Cuts `lines` into at most `workers` chunks (`workers` is at least 1),
/// counts each chunk with `count_words` on a scoped thread of its own, and
/// merges the partial maps that the workers send back over one channel.
pub fn parallel_word_count(lines: &[&str], workers: usize) -> WordCount {
    let (tx, rx) = mpsc::channel::<Counts>();
    thread::scope(|s| {
        // TODO: cut `lines` into at most `workers` chunks with
        // `lines.chunks(...)`, and start one worker per chunk with `s.spawn`.
        // Each worker sends `count_words(chunk)` on its own clone of `tx`.
        let _ = (s, lines, workers);
    });
    drop(tx);
    let total = WordCount::default();
    for partial in rx {
        // TODO: count this map in `total.partials` and add its counts to
        // `total.counts` (`total` has to become `mut` for that).
        let _ = partial;
    }
    total
}
// ANCHOR_END: starter
