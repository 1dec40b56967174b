// ANCHOR: solution
use std::sync::mpsc::{self, Sender};
use std::thread::{self, JoinHandle};

/// One ticket on the rail: who took the order, and for which table.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ticket {
    pub taken_by: &'static str,
    pub table: u32,
}

/// What `Kitchen::close` reports at the end of the service.
#[derive(Debug, PartialEq, Eq)]
pub struct ShiftReport {
    /// Every ticket the chef cooked, in the order the chef got them.
    pub cooked: Vec<Ticket>,
    /// How many orders came in by phone.
    pub phone_orders: usize,
}

/// The phone desk clips phone orders to the rail and counts them.
struct PhoneDesk {
    rail: Sender<Ticket>,
    calls: usize,
}

impl PhoneDesk {
    fn take_call(&mut self, table: u32) {
        let ticket = Ticket {
            taken_by: "phone",
            table,
        };
        self.rail.send(ticket).unwrap();
        self.calls += 1;
    }
}

/// One service: a chef thread cooking from the rail, and what the front of
/// the house needs to put tickets on it.
pub struct Kitchen {
    /// Kept so that every waiter who asks can get a clone.
    rail: Sender<Ticket>,
    desk: PhoneDesk,
    chef: JoinHandle<Vec<Ticket>>,
}

impl Kitchen {
    /// Opens the kitchen: the chef starts waiting on an empty rail.
    pub fn open() -> Kitchen {
        let (rail, tickets) = mpsc::channel();
        // Cooks until the rail is empty and every Sender is gone.
        let chef = thread::spawn(move || tickets.iter().collect());
        let desk = PhoneDesk {
            rail: rail.clone(),
            calls: 0,
        };
        Kitchen { rail, desk, chef }
    }

    /// A Sender for one waiter, who drops it when the shift is over.
    pub fn waiter(&self) -> Sender<Ticket> {
        self.rail.clone()
    }

    /// Takes a phone order for `table`.
    pub fn phone_order(&mut self, table: u32) {
        self.desk.take_call(table);
    }

    /// Called once every waiter has dropped its Sender: waits until the chef
    /// has cooked every ticket, then reports on the service.
    pub fn close(self) -> ShiftReport {
        // Take the kitchen apart, so that each part can go at its own time.
        let Kitchen { rail, desk, chef } = self;
        // The chef's loop ends only when every Sender is gone. The waiters'
        // are; these two are the last, so they must go before the join.
        drop(rail);
        let phone_orders = desk.calls;
        drop(desk);
        let cooked = chef.join().unwrap();
        ShiftReport {
            cooked,
            phone_orders,
        }
    }
}
// ANCHOR_END: solution
