//! The one entry point, as `cargo run --release -p bench -- ...` runs it.

use std::process::Command;

fn bench(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_bench"))
        .args(args)
        .output()
        .expect("the bench binary runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn smoke_runs_every_cell_and_says_so() {
    let (ok, err) = bench(&["--smoke"]);
    assert!(ok, "{err}");
    assert!(err.contains("ok: std sync_channel(0) (std-sync-0), throughput with 4 producers"));
    let n = bench::CHANNELS.len();
    let done = format!(
        "smoke test passed: {} throughput runs and {n} ping-pong runs",
        n * bench::PRODUCERS.len()
    );
    assert!(err.contains(&done), "{err}");
}

#[test]
fn fewer_rounds_than_a_claim_needs_are_refused() {
    let (ok, err) = bench(&["--rounds", "4"]);
    assert!(!ok);
    assert!(err.contains("4 is not in 5.."), "{err}");
}

#[test]
fn one_mode_at_a_time() {
    let (ok, err) = bench(&["--smoke", "--rounds", "5"]);
    assert!(!ok);
    assert!(err.contains("cannot be used with"), "{err}");
}
