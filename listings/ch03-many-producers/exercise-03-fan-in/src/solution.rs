// ANCHOR: solution
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
        let tx = tx.clone();
        thread::spawn(move || {
            for celsius in values {
                tx.send(Reading { sensor, celsius }).unwrap();
            }
        });
    }
    // The clones close the channel when their threads end; the original must
    // go too, or `iter` would wait for it forever.
    drop(tx);
    rx.iter().collect()
}
// ANCHOR_END: solution
