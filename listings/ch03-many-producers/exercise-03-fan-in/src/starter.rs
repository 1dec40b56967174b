// ANCHOR: starter
use std::sync::mpsc;
use std::thread;

/// One reading from one of the kitchen's thermometers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    pub sensor: usize,
    pub celsius: i32,
}

/// Starts one thread per sensor; sensor `i` sends every value of
/// `readings[i]`, in order, over ONE shared channel. Returns everything the
/// chef received, once every sensor is done.
pub fn fan_in(readings: Vec<Vec<i32>>) -> Vec<Reading> {
    let (tx, rx) = mpsc::channel::<Reading>();
    for (sensor, values) in readings.into_iter().enumerate() {
        // TODO: give this sensor's thread its own Sender and send its
        // readings as `Reading { sensor, celsius }`.
        let _ = (sensor, values);
        thread::spawn(|| {});
    }
    // Keep this line: `iter` below ends only once every Sender is gone,
    // this original included.
    drop(tx);
    rx.iter().collect()
}
// ANCHOR_END: starter
