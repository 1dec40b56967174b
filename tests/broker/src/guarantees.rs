//! Chapter 22's table of what each way of carrying tickets promises, with
//! the listing or test that shows each promise on this machine. The table
//! in the book, `src/data/ch22-guarantees.md`, is generated from [`TABLE`]
//! (`BLESS=1 cargo test -p broker --lib` rewrites it), and a test checks
//! that the file is current and that every listing and test named exists.

/// One promise (a row) for each of the four carriers (the columns).
pub struct Row {
    pub promise: &'static str,
    pub cells: [Cell; 4],
}

/// What one carrier promises, and where that is shown: a listing package,
/// or `test NAME` for a test in `tests/broker/tests/` or the conformance
/// suite.
pub struct Cell {
    pub says: &'static str,
    pub shown_by: &'static str,
}

pub const CARRIERS: [&str; 4] = [
    "`mpsc` (threads)",
    "pipe (processes)",
    "core NATS",
    "JetStream work queue",
];

const fn cell(says: &'static str, shown_by: &'static str) -> Cell {
    Cell { says, shown_by }
}

pub const TABLE: &[Row] = &[
    Row {
        promise: "Loss",
        cells: [
            cell(
                "none while the `Receiver` lives; unread messages go with it",
                "test no_loss_no_duplicates_fifo_per_producer",
            ),
            cell(
                "none while the read end lives; unread bytes go with it",
                "listing-21-02-waiter-crashes",
            ),
            cell(
                "at most once: a message nobody subscribes to is dropped, and `publish` still says `Ok`",
                "listing-22-01-at-most-once",
            ),
            cell(
                "none once the publish is acknowledged: stored on disk, kept through a server restart and, replicated, through the loss of a node",
                "test cluster_node_killed_mid_stream",
            ),
        ],
    },
    Row {
        promise: "Duplicates",
        cells: [
            cell("never", "test no_loss_no_duplicates_fifo_per_producer"),
            cell("never", "listing-21-01-waiters-in-processes"),
            cell("never from the server", "listing-22-01-at-most-once"),
            cell(
                "at least once: a message not acked within `ack_wait` is delivered again; message ids drop repeated publishes, an idempotent consumer the rest",
                "test cook_killed_with_tickets_in_hand",
            ),
        ],
    },
    Row {
        promise: "Order",
        cells: [
            cell(
                "first in, first out per sender, and for sends ordered by happens-before",
                "test order_follows_happens_before",
            ),
            cell(
                "first in, first out per writer (one write per message)",
                "listing-21-01-waiters-in-processes",
            ),
            cell(
                "in order per publisher and subject",
                "listing-22-01-at-most-once",
            ),
            cell(
                "stream order with one message in hand (`max_ack_pending: 1`), even through a crash; with more, a redelivered message comes after later ones",
                "test one_ticket_in_hand_keeps_the_order",
            ),
        ],
    },
    Row {
        promise: "Back-pressure",
        cells: [
            cell(
                "`sync_channel(n)`: `send` waits for room; `channel()`: none",
                "listing-05-02-send-waits-for-room",
            ),
            cell(
                "the pipe's buffer: `write` waits for room",
                "test a_full_pipe_blocks_the_writer",
            ),
            cell(
                "none: `publish` never waits for a subscriber",
                "listing-22-01-at-most-once",
            ),
            cell(
                "`max_ack_pending` holds back deliveries; a full stream refuses publishes",
                "listing-22-04-back-pressure",
            ),
        ],
    },
    Row {
        promise: "A consumer crashes",
        cells: [
            cell(
                "the `Receiver` is dropped: every later `send` fails",
                "listing-06-06-consumer-panics",
            ),
            cell(
                "the read end closes: every later `write` fails",
                "test a_closed_pipe_refuses_writes",
            ),
            cell(
                "what is published while it is gone is lost",
                "listing-22-01-at-most-once",
            ),
            cell(
                "what it held unacked is delivered again, to another consumer",
                "listing-22-02-redelivery",
            ),
        ],
    },
    Row {
        promise: "A producer crashes",
        cells: [
            cell(
                "its `Sender` is dropped; the receiver drains, then sees the disconnection",
                "listing-06-05-producer-panics",
            ),
            cell(
                "the kernel closes its end; the reader drains, then sees the end of the file",
                "listing-21-02-waiter-crashes",
            ),
            cell(
                "nobody can tell what it published: `Ok` only meant queued on its connection",
                "listing-22-01-at-most-once",
            ),
            cell(
                "a publish not yet acknowledged may or may not be stored: publish it again with the same message id",
                "listing-22-03-idempotent-cook",
            ),
        ],
    },
];

/// How a cell's evidence reads in the book: "Listing 21-2", or the test's
/// name in code.
pub fn shown_by(evidence: &str) -> String {
    match evidence.strip_prefix("test ") {
        Some(test) => format!("`{test}`"),
        None => {
            let mut parts = evidence.split('-').skip(1);
            let (chapter, number) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            format!(
                "Listing {}-{}",
                chapter.trim_start_matches('0'),
                number.trim_start_matches('0')
            )
        }
    }
}

/// The table as the book shows it.
pub fn markdown() -> String {
    let mut out = String::from(
        "<!-- Generated from tests/broker/src/guarantees.rs: `BLESS=1 cargo test -p broker --lib` -->\n\n",
    );
    out.push_str(&format!("| | {} |\n", CARRIERS.join(" | ")));
    out.push_str(&format!("| --- |{}\n", " --- |".repeat(CARRIERS.len())));
    for row in TABLE {
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(|c| format!("{} ({})", c.says, shown_by(c.shown_by)))
            .collect();
        out.push_str(&format!(
            "| **{}** | {} |\n",
            row.promise,
            cells.join(" | ")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn root() -> &'static Path {
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
    }

    #[test]
    fn the_book_shows_the_generated_table() {
        let path = root().join("src/data/ch22-guarantees.md");
        let generated = markdown();
        if std::env::var_os("BLESS").is_some_and(|v| v != "0" && !v.is_empty()) {
            std::fs::write(&path, &generated).unwrap();
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == generated,
            "src/data/ch22-guarantees.md is not the table in tests/broker/src/guarantees.rs; \
             regenerate it with `BLESS=1 cargo test -p broker --lib` and review the diff"
        );
    }

    #[test]
    fn every_promise_names_evidence_that_exists() {
        let tests: String = [
            "tests/broker/tests/faults.rs",
            "tests/broker/tests/pipe.rs",
            "tests/conformance/src/properties.rs",
        ]
        .iter()
        .map(|f| std::fs::read_to_string(root().join(f)).unwrap())
        .collect();
        let mut missing = Vec::new();
        for row in TABLE {
            for cell in &row.cells {
                let found = match cell.shown_by.strip_prefix("test ") {
                    Some(test) => tests.contains(&format!("fn {test}")),
                    None => {
                        let chapter = &cell.shown_by[..10].replace("listing-", "ch");
                        std::fs::read_dir(root().join("listings"))
                            .unwrap()
                            .flatten()
                            .filter(|d| {
                                d.file_name()
                                    .to_string_lossy()
                                    .starts_with(chapter.as_str())
                            })
                            .any(|d| d.path().join(cell.shown_by).join("Cargo.toml").is_file())
                    }
                };
                if !found {
                    missing.push(format!("{}: {}", row.promise, cell.shown_by));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "evidence that does not exist: {missing:?}"
        );
    }
}

/// The comparisons chapters 21 and 22 make in words, held to the figures
/// file `cargo run --release -p broker --bin guarantees` wrote.
#[cfg(test)]
mod figures {
    use std::collections::BTreeMap;

    fn figures() -> BTreeMap<String, String> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../src/data/ch22-figures.json"
        );
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    /// "1,771,404 tickets/s" as a number.
    fn rate(f: &BTreeMap<String, String>, key: &str) -> f64 {
        f[key]
            .trim_end_matches(" tickets/s")
            .replace(',', "")
            .parse()
            .unwrap()
    }

    /// "2.7 µs" or "2.8 ms" in nanoseconds.
    fn nanos(f: &BTreeMap<String, String>, key: &str) -> f64 {
        let (n, unit) = f[key].split_once(' ').unwrap();
        let n: f64 = n.parse().unwrap();
        match unit {
            "µs" => n * 1e3,
            "ms" => n * 1e6,
            other => panic!("{key}: unknown unit {other:?}"),
        }
    }

    #[test]
    fn the_chapters_comparisons_hold_for_the_recorded_figures() {
        let f = figures();
        let source = "src/data/ch22-figures.json";
        // Chapter 21: the pipe moves fewer tickets per second than mpsc.
        assert!(
            rate(&f, "pipe-throughput") < rate(&f, "mpsc-throughput"),
            "{source}: chapter 21 says the pipe's throughput is below mpsc's"
        );
        // Chapter 22: pipe, core NATS, JetStream, each costs more.
        for (cheaper, dearer) in [("pipe", "nats"), ("nats", "jetstream")] {
            assert!(
                rate(&f, &format!("{dearer}-throughput"))
                    < rate(&f, &format!("{cheaper}-throughput")),
                "{source}: chapter 22 says {dearer} moves fewer tickets per second than {cheaper}"
            );
            for p in ["p50", "p99"] {
                assert!(
                    nanos(&f, &format!("{dearer}-{p}")) > nanos(&f, &format!("{cheaper}-{p}")),
                    "{source}: chapter 22 says {dearer}'s {p} round trip is longer than {cheaper}'s"
                );
            }
        }
    }
}
