use std::sync::mpsc;
use std::thread;

const LIMIT: u32 = 100_000;
const WORKERS: usize = 4;

/// What one worker sends back: which chunk it counted, and the answer.
struct Partial {
    chunk: usize,
    first: u32,
    last: u32,
    primes: usize,
}

/// Trial division: slow enough that splitting the work is worth it.
fn is_prime(n: u32) -> bool {
    if n < 2 {
        return false;
    }
    let mut d = 2;
    while d * d <= n {
        if n.is_multiple_of(d) {
            return false;
        }
        d += 1;
    }
    true
}

fn main() {
    let numbers: Vec<u32> = (1..=LIMIT).collect();
    // Round up, so that WORKERS chunks cover every number.
    let chunk_len = numbers.len().div_ceil(WORKERS);

    let (tx, rx) = mpsc::channel();

    let parallel = thread::scope(|s| {
        for (chunk, part) in numbers.chunks(chunk_len).enumerate() {
            let tx = tx.clone();
            // `part` is a `&[u32]` borrowed from `numbers`. The scope
            // promises to join this thread before `numbers` can go away.
            s.spawn(move || {
                let primes = part.iter().filter(|&&n| is_prime(n)).count();
                let (first, last) = (part[0], part[part.len() - 1]);
                tx.send(Partial {
                    chunk,
                    first,
                    last,
                    primes,
                })
                .unwrap();
            });
        }
        // ANCHOR: shown
        // (Listing 12-1's `drop(tx);` was here.)

        // Results come in whatever order the workers finish. Addition does
        // not care about order, so we add them up as they arrive.
        let mut total = 0;
        for p in &rx {
            // ANCHOR_END: shown
            println!(
                "chunk {} ({}..={}): {} primes",
                p.chunk, p.first, p.last, p.primes
            );
            total += p.primes;
        }
        total
    });

    let sequential = numbers.iter().filter(|&&n| is_prime(n)).count();
    println!("parallel:   {parallel} primes up to {LIMIT}");
    println!("sequential: {sequential} primes up to {LIMIT}");
    println!("match: {}", parallel == sequential);
}
