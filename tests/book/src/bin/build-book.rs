//! Builds the HTML book into `target/book` with the book's model (mdBook's
//! library and the book's directives, the version the checks use), so
//! reading the book needs nothing but cargo: `cargo run -p book --bin build-book`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let root = support::workspace_root();
    let dest = root.join("target/book");
    match book_model::render_html(root, &dest) {
        Ok(warnings) if warnings.is_empty() => {
            println!("{}", dest.join("index.html").display());
            ExitCode::SUCCESS
        }
        Ok(warnings) => {
            for w in warnings {
                eprintln!("mdbook: {w}");
            }
            eprintln!("the book was built into {}, with warnings", dest.display());
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
