use std::sync::mpsc;
use std::thread;

const ORDERS: usize = 1_000;
const WORKERS: usize = 4;
const MENU: [(&str, u32); 5] = [
    ("soup", 450),
    ("bread", 250),
    ("pasta", 1200),
    ("salad", 800),
    ("cake", 600),
];

/// The day's order log, one line per order, e.g. "table 3: pasta, cake".
fn order_log() -> Vec<String> {
    (0..ORDERS)
        .map(|i| {
            let dishes: Vec<&str> = (0..1 + i % 3)
                .map(|k| MENU[(i * 7 + k * 3) % 5].0)
                .collect();
            format!("table {}: {}", 1 + i % 12, dishes.join(", "))
        })
        .collect()
}

/// The bill for one line of the log, in cents.
fn bill(line: &str) -> u32 {
    let (_table, dishes) = line.split_once(": ").expect("a log line has a colon");
    dishes
        .split(", ")
        .map(|dish| {
            let (_, price) = MENU.iter().find(|(name, _)| *name == dish).unwrap();
            price
        })
        .sum()
}

fn main() {
    let log = order_log();
    let chunk_len = log.len().div_ceil(WORKERS);

    // ANCHOR: shown
    let (tx, rx) = mpsc::sync_channel(2);
    thread::scope(|s| {
        for (chunk, lines) in log.chunks(chunk_len).enumerate() {
            let tx = tx.clone();
            s.spawn(move || {
                let bills: Vec<u32> = lines.iter().map(|line| bill(line)).collect();
                // Tag the result with its chunk index: it is the only way
                // the receiver can tell where these bills belong.
                tx.send((chunk, bills)).unwrap();
            });
        }
    });
    // ANCHOR_END: shown

    // As in Listing 12-2, the results are received only after the scope.
    drop(tx);
    let mut parts: Vec<(usize, Vec<u32>)> = rx.iter().collect();

    let arrival: Vec<String> = parts.iter().map(|(c, _)| c.to_string()).collect();
    println!("chunks arrived in this order: {}", arrival.join(", "));

    // Concatenating in arrival order would scramble the bills. Sorting by
    // chunk index puts every chunk back where it came from.
    parts.sort_by_key(|(chunk, _)| *chunk);
    let bills: Vec<u32> = parts.into_iter().flat_map(|(_, bills)| bills).collect();

    let sequential: Vec<u32> = log.iter().map(|line| bill(line)).collect();
    let cents = |c: u32| format!("${}.{:02}", c / 100, c % 100);
    println!("first order: {} = {}", log[0], cents(bills[0]));
    println!(
        "last order:  {} = {}",
        log[ORDERS - 1],
        cents(bills[ORDERS - 1])
    );
    println!(
        "parallel:   {} bills, {} in total",
        bills.len(),
        cents(bills.iter().sum())
    );
    println!(
        "sequential: {} bills, {} in total",
        sequential.len(),
        cents(sequential.iter().sum())
    );
    println!("same bills in the same order: {}", bills == sequential);
}
