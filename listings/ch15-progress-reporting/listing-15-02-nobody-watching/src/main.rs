// ANCHOR: all
use indicatif::ProgressBar;
use std::io::IsTerminal;

fn main() {
    // ANCHOR: hidden
    // The same kind of bar as in Listing 15-1: it draws to stderr.
    let bar = ProgressBar::new(3);
    let stderr_is_terminal = std::io::stderr().is_terminal();
    println!("stderr is a terminal: {stderr_is_terminal}");
    println!("progress bar hidden: {}", bar.is_hidden());
    // ANCHOR_END: hidden

    // ANCHOR: println
    for table in 1..=3 {
        bar.inc(1);
        // Drawn above the bar on a terminal; silently dropped when hidden.
        bar.println(format!("bar.println: table {table} served"));
        // `suspend` clears the bar, runs the closure, and redraws. The
        // closure runs even when the bar is hidden, so this line always
        // reaches stdout.
        bar.suspend(|| println!("suspend + println!: table {table} served"));
    }
    bar.finish();
    // ANCHOR_END: println
}
// ANCHOR_END: all
