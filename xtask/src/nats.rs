//! `cargo xtask nats`: a nats-server for a reader to try chapter 22 against.
//! The logic is Part IV's own (`tests/broker`, binary `nats`): the pinned
//! server (installed into target/tools/py/ first if need be) on a free port
//! on 127.0.0.1, with a temporary store, until Enter or Ctrl-C.

use crate::run::{self, cargo};
use anyhow::Result;

pub fn nats() -> Result<()> {
    let mut cmd = cargo();
    cmd.args(["run", "--quiet", "-p", "broker", "--bin", "nats"]);
    // The reader's terminal stays attached: the server prints its URL and
    // waits for Enter.
    run::status(cmd)
}
