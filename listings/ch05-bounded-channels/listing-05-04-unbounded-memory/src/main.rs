// ANCHOR: all
#![deny(unsafe_op_in_unsafe_fn)]

// ANCHOR: allocator
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, TrySendError};

/// Heap bytes currently allocated and not yet freed, by the whole program.
static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);

/// The system allocator, plus a running count of live bytes.
struct Counting;

// SAFETY: both methods pass their arguments unchanged to `System`, a correct
// allocator, and return what it returns; the counter only adds up sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: our caller meets `alloc`'s contract, and we pass it on.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` above, that is from `System`,
        // with this same `layout`, as `dealloc`'s caller guarantees.
        unsafe { System.dealloc(ptr, layout) };
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

// Every heap allocation in this program now goes through `Counting`.
#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live_bytes() -> usize {
    LIVE_BYTES.load(Ordering::Relaxed)
}
// ANCHOR_END: allocator

// ANCHOR: measure
/// A 64-byte ticket, stored inline: it owns no heap memory of its own.
type Ticket = [u8; 64];
const TICKETS: usize = 10_000;

fn main() {
    // Nothing below prints until all measuring is done: printing allocates.

    // The unbounded rail, with a waiter far ahead of a chef who is not
    // taking anything yet.
    let start = live_bytes();
    let (tx, rx) = mpsc::channel::<Ticket>();
    let unbounded_new = live_bytes() - start;
    for n in 0..TICKETS {
        // Never waits, never refuses: each send just needs more memory.
        tx.send([n as u8; 64]).unwrap();
    }
    let unbounded_full = live_bytes() - start;
    let taken = rx.try_iter().count();
    let unbounded_drained = live_bytes() - start;
    drop((tx, rx));

    // A bounded rail with room for the same number of tickets.
    let start = live_bytes();
    let (tx, rx) = mpsc::sync_channel::<Ticket>(TICKETS);
    let bounded_new = live_bytes() - start;
    for n in 0..TICKETS {
        tx.try_send([n as u8; 64]).unwrap();
    }
    let bounded_full = live_bytes() - start;
    let one_more = matches!(tx.try_send([0; 64]), Err(TrySendError::Full(_)));
    drop((tx, rx));
    // ANCHOR_END: measure

    // ANCHOR: report
    println!("a ticket is {} bytes", size_of::<Ticket>());
    println!("channel(): {unbounded_new} bytes when created");
    println!(
        "channel(): {unbounded_full} bytes with {TICKETS} tickets queued, about {} per ticket",
        unbounded_full / TICKETS
    );
    println!("channel(): {unbounded_drained} bytes after the chef took all {taken}");
    println!(
        "sync_channel({TICKETS}): {bounded_new} bytes when created, about {} per slot",
        bounded_new / TICKETS
    );
    println!(
        "sync_channel({TICKETS}): {} more bytes with {TICKETS} tickets queued",
        bounded_full - bounded_new
    );
    println!(
        "sync_channel({TICKETS}): ticket {} is refused (Full): {one_more}",
        TICKETS + 1
    );
    // ANCHOR_END: report
}
// ANCHOR_END: all
