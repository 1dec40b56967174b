use std::sync::mpsc;
use std::time::{Duration, Instant};

fn main() {
    let (tx, rx) = mpsc::sync_channel::<&str>(1);
    let _ = tx.send_timeout("soup", Duration::from_millis(20));
    let _ = rx.recv_deadline(Instant::now() + Duration::from_millis(20));

    let (tx, _rx) = mpsc::channel::<&str>();
    let _ = tx.send_timeout("soup", Duration::from_millis(20));
}
