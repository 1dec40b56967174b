//! `cargo xtask book`: the HTML book in target/book.

use crate::run::root;
use anyhow::{Result, bail};
use std::path::Path;
use std::process::Command;

/// The one place the xtask renders the book (the Pages deploy runs this task).
pub fn render_html(root: &Path, dest: &Path) -> Result<Vec<String>> {
    book_model::render_html(root, dest)
}

pub fn book(open: bool) -> Result<()> {
    let dest = root().join("target/book");
    let warnings = render_html(root(), &dest)?;
    if !warnings.is_empty() {
        for w in &warnings {
            eprintln!("mdbook: {w}");
        }
        bail!(
            "the book was built into {}, with {} warning(s) (above)",
            dest.display(),
            warnings.len()
        );
    }
    let index = dest.join("index.html");
    if open {
        open_in_browser(&index);
    }
    println!(
        "The book is at: {}\n\
         Run any listing from this directory with the command under it, for example:\n\n    \
         cargo run -p listing-02-01-first-message",
        index.display()
    );
    Ok(())
}

/// Opens a file with the desktop's opener, if there is one; a machine without
/// one (a server, CI) just gets the path printed.
fn open_in_browser(index: &Path) {
    let openers: &[&str] = if cfg!(target_os = "macos") {
        &["open"]
    } else if cfg!(windows) {
        &["explorer"]
    } else {
        &["xdg-open"]
    };
    for opener in openers {
        if Command::new(opener).arg(index).status().is_ok() {
            return;
        }
    }
    eprintln!("(no program to open it with here: open the path below yourself)");
}
