use exercise_03_fan_in::{Reading, fan_in};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

/// Runs `fan_in` on a thread of its own and waits at most 5 s for it, so a
/// Sender left alive fails the test instead of hanging it.
fn fan_in_within_5s(readings: Vec<Vec<i32>>) -> Vec<Reading> {
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || done_tx.send(fan_in(readings)).unwrap());
    match done_rx.recv_timeout(Duration::from_secs(5)) {
        Ok(received) => received,
        Err(RecvTimeoutError::Timeout) => {
            panic!("`fan_in` did not return within 5 s: is a Sender still alive?")
        }
        Err(RecvTimeoutError::Disconnected) => panic!("`fan_in` panicked (see its message above)"),
    }
}

fn from(received: &[Reading], sensor: usize) -> Vec<i32> {
    received
        .iter()
        .filter(|r| r.sensor == sensor)
        .map(|r| r.celsius)
        .collect()
}

#[test]
fn every_reading_arrives_once() {
    let received = fan_in_within_5s(vec![vec![20, 21], vec![180, 185, 190], vec![4]]);
    assert_eq!(received.len(), 6);
}

#[test]
fn each_sensor_keeps_its_order() {
    let readings = vec![
        (0..100).collect(),
        (100..200).collect(),
        (200..300).collect(),
    ];
    let received = fan_in_within_5s(readings.clone());
    for (sensor, sent) in readings.iter().enumerate() {
        assert_eq!(&from(&received, sensor), sent, "sensor {sensor}");
    }
}

#[test]
fn no_sensors_means_no_readings() {
    assert!(fan_in_within_5s(Vec::new()).is_empty());
}
