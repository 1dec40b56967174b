//! The measurement behind chapter 22's table keeps working: its smoke run
//! (a few tickets each way, nothing written) must deliver every ticket on
//! every path. The full run is `cargo run --release -p broker --bin guarantees`.

use std::process::Command;

#[test]
fn every_path_of_the_measurement_delivers() {
    if let Err(why) = broker::nats_server() {
        println!("{}", broker::skip_line(&why));
        return;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_guarantees"))
        .arg("--smoke")
        .output()
        .expect("the guarantees binary runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "guarantees --smoke failed\n--- stdout\n{stdout}--- stderr\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for row in ["mpsc", "pipe", "nats", "jetstream"] {
        assert!(
            stdout.lines().any(|l| l.starts_with(row)),
            "no {row} row in\n{stdout}"
        );
    }
}
