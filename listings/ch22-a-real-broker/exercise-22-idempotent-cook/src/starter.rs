// ANCHOR: starter
use std::collections::BTreeMap;
use std::sync::Mutex;

/// One delivery of a ticket from the work queue: the ticket's id (the
/// message id it was published with), its dish, and which delivery of it
/// this is (1 the first time, more after a cook died holding it).
#[derive(Debug, Clone)]
pub struct Delivery {
    pub id: String,
    pub dish: String,
    pub delivery: u64,
}

/// What a cook did with a delivery. Either way, the cook acks it next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handled {
    /// Cooked and put on the pass: the guest gets this plate.
    Cooked,
    /// The ticket's plate was already on the pass: nothing cooked.
    Repeat,
}

/// The pass, where finished plates wait, shared by every cook (in the
/// chapter, a JetStream key-value bucket).
#[derive(Default)]
pub struct Pass {
    plates: Mutex<BTreeMap<String, String>>,
}

impl Pass {
    /// Puts `plate` on the pass for ticket `id` if that ticket has no plate
    /// yet, in one step: returns whether it did. Like the bucket's `create`.
    pub fn put_if_new(&self, id: &str, plate: String) -> bool {
        let mut plates = self.plates.lock().unwrap();
        if plates.contains_key(id) {
            return false;
        }
        plates.insert(id.to_string(), plate);
        true
    }

    /// Whether ticket `id` has a plate on the pass. By the time you act on
    /// the answer, another cook may have changed it.
    pub fn has(&self, id: &str) -> bool {
        self.plates.lock().unwrap().contains_key(id)
    }

    /// Every plate, by ticket id.
    pub fn plates(&self) -> BTreeMap<String, String> {
        self.plates.lock().unwrap().clone()
    }
}

/// Cooks a dish: the plate that goes on the pass. Cooking takes a while.
pub fn cook(dish: &str) -> String {
    std::thread::sleep(std::time::Duration::from_micros(100));
    format!("a plate of {dish}")
}

/// Handles one delivery, however often its ticket was delivered before and
/// however many cooks handle deliveries at once: each ticket is `Cooked`
/// exactly once, every other delivery of it is a `Repeat`.
pub fn handle(pass: &Pass, delivery: &Delivery) -> Handled {
    // TODO: cook the dish and put the plate on the pass only if this
    // ticket has none yet, so that a ticket delivered again is not served
    // again, even when two cooks get it at the same moment.
    let _ = pass;
    let _ = cook(&delivery.dish);
    Handled::Cooked
}
// ANCHOR_END: starter
