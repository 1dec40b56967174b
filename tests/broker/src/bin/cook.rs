//! A cook: one process that takes tickets from the kitchen's JetStream work
//! queue and cooks them, printing `done TICKET delivery N` for each. The
//! fault tests start cooks and kill them.
//!
//! `cook URL MODE [HANG_AT]`. MODE is how the cook acknowledges:
//! `honest` cooks, then acks; `ack-first` acks, then cooks (wrong: a crash
//! between the two loses the ticket); `no-ack` never acks (wrong: every
//! ticket comes back). With HANG_AT = k the cook stops dead in the middle of
//! its k-th ticket, between the two steps, prints `hang TICKET`, and waits to
//! be killed.

use async_nats::jetstream::{self, consumer::pull};
use broker::kitchen::{CONSUMER, STREAM};
use futures_util::StreamExt;
use std::io::Write;
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Honest,
    AckFirst,
    NoAck,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cook: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (url, mode) = match &args[..] {
        [url, mode, ..] => (url.clone(), mode.as_str()),
        _ => return Err("usage: cook URL honest|ack-first|no-ack [HANG_AT]".into()),
    };
    let mode = match mode {
        "honest" => Mode::Honest,
        "ack-first" => Mode::AckFirst,
        "no-ack" => Mode::NoAck,
        other => return Err(format!("unknown mode {other:?}")),
    };
    let hang_at: Option<usize> = match args.get(2) {
        Some(k) => Some(
            k.parse()
                .map_err(|_| format!("HANG_AT {k:?} is not a count"))?,
        ),
        None => None,
    };

    let client = broker::kitchen::connect(&[url]).await?;
    let js = broker::kitchen::jetstream(client.clone());
    let consumer: jetstream::consumer::Consumer<pull::Config> = js
        .get_consumer_from_stream(CONSUMER, STREAM)
        .await
        .map_err(|e| format!("no consumer {CONSUMER}: {e}"))?;
    let mut tickets = consumer
        .stream()
        .max_messages_per_batch(4)
        .messages()
        .await
        .map_err(|e| e.to_string())?;
    let mut taken = 0;
    while let Some(message) = tickets.next().await {
        let message = message.map_err(|e| e.to_string())?;
        let ticket = String::from_utf8_lossy(&message.payload).into_owned();
        let delivery = message.info().map_err(|e| e.to_string())?.delivered;
        taken += 1;
        let hang_here = hang_at == Some(taken);
        match mode {
            Mode::Honest => {
                cook(&ticket, delivery);
                if hang_here {
                    hang(&client, &ticket).await;
                }
                message.ack().await.map_err(|e| e.to_string())?;
            }
            Mode::AckFirst => {
                message.ack().await.map_err(|e| e.to_string())?;
                if hang_here {
                    hang(&client, &ticket).await;
                }
                cook(&ticket, delivery);
            }
            Mode::NoAck => {
                cook(&ticket, delivery);
                if hang_here {
                    hang(&client, &ticket).await;
                }
            }
        }
    }
    Ok(())
}

/// The work: its effect is the line on stdout, which the test counts.
fn cook(ticket: &str, delivery: i64) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "done {ticket} delivery {delivery}");
    let _ = out.flush();
}

/// Stops dead, after making sure every earlier ack has reached the server,
/// so that the ticket in hand is the only one a kill leaves unfinished.
async fn hang(client: &async_nats::Client, ticket: &str) -> ! {
    let _ = client.flush().await;
    println!("hang {ticket}");
    let _ = std::io::stdout().flush();
    std::future::pending().await
}
