fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = std::path::Path::new(&args[1]);
    let out = std::path::Path::new(&args[2]);
    let book = book_model::Book::load(root).unwrap_or_else(|e| {
        eprintln!("{e:#}");
        std::process::exit(1)
    });
    for w in &book.warnings {
        eprintln!("warning: {w}");
    }
    std::fs::create_dir_all(out).unwrap();
    for ch in &book.chapters {
        std::fs::write(out.join(&ch.path), &ch.rendered).unwrap();
    }
    if args.len() > 3 {
        let w = book_model::render_html(root, &out.join("html")).unwrap();
        for x in w {
            eprintln!("html warning: {x}");
        }
    }
}
