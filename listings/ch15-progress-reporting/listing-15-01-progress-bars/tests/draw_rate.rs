//! Chapter 15's claim about indicatif's default draw rate, for the version
//! in Cargo.lock: 20 draws a second on average, with unused draws saved up
//! (up to 20) and spent in a burst. So a bar updated in a quick burst is drawn
//! far more often than once per 50 ms at first, and over a longer run no more
//! than the saved-up 20 plus 20 a second.

use indicatif::{ProgressBar, ProgressDrawTarget, TermLike};
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// The rate `ProgressDrawTarget::stderr()` uses, which `MultiProgress::new()`
/// and `ProgressBar::new` draw with.
const DEFAULT_HZ: u8 = 20;

/// A terminal that only counts the draws: indicatif flushes once per draw.
#[derive(Debug)]
struct CountingTerm(Arc<AtomicUsize>);

impl TermLike for CountingTerm {
    fn width(&self) -> u16 {
        80
    }
    fn move_cursor_up(&self, _: usize) -> io::Result<()> {
        Ok(())
    }
    fn move_cursor_down(&self, _: usize) -> io::Result<()> {
        Ok(())
    }
    fn move_cursor_right(&self, _: usize) -> io::Result<()> {
        Ok(())
    }
    fn move_cursor_left(&self, _: usize) -> io::Result<()> {
        Ok(())
    }
    fn write_line(&self, _: &str) -> io::Result<()> {
        Ok(())
    }
    fn write_str(&self, _: &str) -> io::Result<()> {
        Ok(())
    }
    fn clear_line(&self) -> io::Result<()> {
        Ok(())
    }
    fn flush(&self) -> io::Result<()> {
        self.0.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }
}

#[test]
fn draws_come_in_a_burst_then_at_the_sustained_rate() {
    const UPDATES: u64 = 40;
    let draws = Arc::new(AtomicUsize::new(0));
    let target = ProgressDrawTarget::term_like_with_hz(
        Box::new(CountingTerm(Arc::clone(&draws))),
        DEFAULT_HZ,
    );
    let bar = ProgressBar::with_draw_target(Some(UPDATES), target);
    let start = Instant::now();
    for position in 1..=UPDATES {
        bar.set_position(position);
        // The bar itself lets through about one update per millisecond;
        // spacing them out makes every update ask for a draw.
        thread::sleep(Duration::from_millis(2));
    }
    let elapsed = start.elapsed();
    let drawn = draws.load(Ordering::SeqCst);

    // A burst: 20 draws, although a draw every 50 ms would allow only
    // 1 + elapsed / 50 ms of them.
    let saved_up = usize::from(DEFAULT_HZ);
    assert!(
        drawn >= saved_up,
        "{drawn} draws for {UPDATES} updates in {elapsed:?}: expected the saved-up {saved_up} at least"
    );
    // Sustained: never more than the saved-up draws plus 20 a second.
    let earned = elapsed.as_millis() as usize * usize::from(DEFAULT_HZ) / 1000;
    assert!(
        drawn <= saved_up + earned + 1,
        "{drawn} draws in {elapsed:?}: more than {saved_up} saved up plus {earned} earned"
    );
}
