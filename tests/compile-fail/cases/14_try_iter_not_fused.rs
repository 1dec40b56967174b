use std::iter::FusedIterator;
use std::sync::mpsc;

fn after_none_stays_none(_: impl FusedIterator) {}

fn main() {
    let (_tx, rx) = mpsc::channel::<&str>();
    after_none_stays_none(rx.try_iter());
}
