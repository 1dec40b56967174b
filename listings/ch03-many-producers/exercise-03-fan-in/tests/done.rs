use exercise_03_fan_in::{Reading, fan_in};

fn from(received: &[Reading], sensor: usize) -> Vec<i32> {
    received
        .iter()
        .filter(|r| r.sensor == sensor)
        .map(|r| r.celsius)
        .collect()
}

#[test]
fn every_reading_arrives_once() {
    let received = fan_in(vec![vec![20, 21], vec![180, 185, 190], vec![4]]);
    assert_eq!(received.len(), 6);
}

#[test]
fn each_sensor_keeps_its_order() {
    let readings = vec![(0..100).collect(), (100..200).collect(), (200..300).collect()];
    let received = fan_in(readings.clone());
    for (sensor, sent) in readings.iter().enumerate() {
        assert_eq!(&from(&received, sensor), sent, "sensor {sensor}");
    }
}

#[test]
fn no_sensors_means_no_readings() {
    assert!(fan_in(Vec::new()).is_empty());
}
