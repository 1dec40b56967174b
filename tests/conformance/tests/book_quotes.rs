//! The book and the README quote this suite: they name its properties and
//! give the number of rounds of the happens-before relay. A quote that no
//! longer matches the suite fails here, naming the file and the quote.
//!
//! - In a paragraph that points at `tests/conformance/src/properties.rs` or
//!   speaks of "the conformance suite's" something, every backticked name with
//!   two or more underscores (`no_loss_no_duplicates_fifo_per_producer`, not
//!   `try_recv`) must be a property: a `pub fn` of `src/properties.rs`.
//! - In a paragraph about happens-before, every "N rounds" must be
//!   [`RELAY_ROUNDS`], written with thousands separators ("5,000").

use std::path::Path;

use conformance::RELAY_ROUNDS;

/// The `pub fn` names of a properties source file.
fn property_names(source: &str) -> Vec<&str> {
    source
        .lines()
        .filter_map(|line| line.strip_prefix("pub fn "))
        .filter_map(|rest| rest.split(['<', '(']).next())
        .collect()
}

/// The backticked pieces of `paragraph`.
fn code_spans(paragraph: &str) -> impl Iterator<Item = &str> {
    paragraph.split('`').skip(1).step_by(2)
}

/// The numbers written just before " rounds" in `paragraph`.
fn rounds_quoted(paragraph: &str) -> Vec<&str> {
    paragraph
        .match_indices(" rounds")
        .filter_map(|(at, _)| paragraph[..at].rsplit([' ', '(', '\n']).next())
        .filter(|word| !word.is_empty() && word.chars().all(|c| c.is_ascii_digit() || c == ','))
        .collect()
}

/// What is wrong with the quotes in `text` (the contents of `file`).
fn problems(file: &str, text: &str, properties: &[&str], rounds: usize) -> Vec<String> {
    let mut found = Vec::new();
    for paragraph in text.split("\n\n") {
        if paragraph.contains("tests/conformance/src/properties.rs")
            || paragraph.contains("conformance suite's")
        {
            for name in code_spans(paragraph) {
                let looks_like_property = name.matches('_').count() >= 2
                    && name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
                if looks_like_property && !properties.contains(&name) {
                    found.push(format!(
                        "{file}: `{name}` is quoted as a conformance property, but \
                         tests/conformance/src/properties.rs has no `pub fn {name}`"
                    ));
                }
            }
        }
        if paragraph.contains("happens-before") || paragraph.contains("happens before") {
            let expected = conformance::with_separators(rounds);
            for quoted in rounds_quoted(paragraph) {
                if quoted != expected {
                    found.push(format!(
                        "{file}: says \"{quoted} rounds\" of the happens-before relay, \
                         but RELAY_ROUNDS is {expected}"
                    ));
                }
            }
        }
    }
    found
}

#[test]
fn book_and_readme_quote_the_suite_as_it_is() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let properties_source =
        std::fs::read_to_string(root.join("tests/conformance/src/properties.rs"))
            .expect("reading tests/conformance/src/properties.rs");
    let properties = property_names(&properties_source);
    assert!(
        properties.contains(&"order_follows_happens_before"),
        "the property names were not found in properties.rs: {properties:?}"
    );
    // The chapters as mdBook's loader reads them (the book's model), and the README.
    let book = book_model::mdbook(&root).expect("loading the book with mdBook");
    let mut texts = vec![(
        "README.md".to_string(),
        std::fs::read_to_string(root.join("README.md")).expect("reading README.md"),
    )];
    for chapter in book.book.chapters() {
        if let Some(source) = &chapter.source_path {
            texts.push((format!("src/{}", source.display()), chapter.content.clone()));
        }
    }
    assert!(texts.len() > 1, "the book has no chapters");
    let mut found = Vec::new();
    for (name, text) in &texts {
        found.extend(problems(name, text, &properties, RELAY_ROUNDS));
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The check itself can fail: a renamed property and a stale figure are both
/// reported, and correct quotes are not.
#[test]
fn wrong_quotes_are_caught() {
    let properties = ["order_follows_happens_before"];
    let good = "see `order_follows_happens_before` in `tests/conformance/src/properties.rs`; \
                `try_recv` is not a property.\n\nSends ordered by happens-before (4 threads, \
                5,000 rounds).\n\nA loop of 16 rounds, unrelated.";
    assert_eq!(
        problems("good.md", good, &properties, 5_000),
        Vec::<String>::new()
    );

    let bad = "see `order_follows_happens_befor` in `tests/conformance/src/properties.rs`.\n\n\
               the conformance suite's `sends_keep_their_order` checks it: \
               sends ordered by happens-before, in 2,000 rounds.";
    let found = problems("bad.md", bad, &properties, 5_000);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found[0].contains("`order_follows_happens_befor` is quoted"));
    assert!(found[1].contains("`sends_keep_their_order` is quoted"));
    assert!(
        found[2].contains("says \"2,000 rounds\"") && found[2].contains("RELAY_ROUNDS is 5,000")
    );
    assert_eq!(conformance::with_separators(400_000), "400,000");
    assert_eq!(conformance::with_separators(999), "999");
}
