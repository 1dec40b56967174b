//! The book's real exercises: numbered as their crates say, found by the
//! names the book gives `cargo course hint`, with graduated hints that give no
//! solution away.

use course::{Course, hint_problems};
use std::fs;

/// The book's own exercises: each numbered as its crate's documentation
/// calls it, found by the name the book gives `cargo course hint`, and each
/// with hints that pass [`hint_problems`].
#[test]
fn the_books_exercises_are_numbered_and_hinted() {
    let course = Course::from_metadata(support::metadata().clone()).unwrap();
    let mut problems = Vec::new();
    for e in &course.exercises {
        let lib = fs::read_to_string(e.dir.join("src/lib.rs")).unwrap_or_default();
        if !lib.contains(&format!("Exercise {}:", e.id)) {
            problems.push(format!(
                "{}: the course numbers it {}, but its src/lib.rs does not call it `Exercise {}:`",
                e.name, e.id, e.id
            ));
        }
        problems.extend(hint_problems(e));
        // The book names each exercise for `cargo course hint` as its
        // directive does: the package without `exercise-`.
        let short = e.name.trim_start_matches("exercise-");
        match course.find(short) {
            Ok(found) if found.name == e.name => {}
            other => problems.push(format!(
                "`cargo course hint {short}` (as the book writes it) finds {:?}, not {}",
                other.map(|f| &f.name),
                e.name
            )),
        }
    }
    assert!(
        course.exercises.len() >= 20,
        "{} exercises",
        course.exercises.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
