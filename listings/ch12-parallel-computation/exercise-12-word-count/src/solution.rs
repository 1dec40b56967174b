// ANCHOR: solution
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
    // Rounded up, so `workers` chunks cover every line; at least 1, because
    // `chunks(0)` panics and an empty input has length 0.
    let chunk_len = lines.len().div_ceil(workers).max(1);
    thread::scope(|s| {
        for chunk in lines.chunks(chunk_len) {
            let tx = tx.clone();
            s.spawn(move || tx.send(count_words(chunk)).unwrap());
        }
    });
    // The workers' clones are gone with the scope; this one would keep the
    // loop below waiting forever.
    drop(tx);
    let mut total = WordCount::default();
    for partial in rx {
        total.partials += 1;
        // Adding counts does not care which chunk arrives first.
        for (word, n) in partial {
            *total.counts.entry(word).or_insert(0) += n;
        }
    }
    total
}
// ANCHOR_END: solution
