//! Nothing here: the test is `tests/broken_book.rs`, run by `cargo xtask broken-book`; the fixtures it breaks are under `fixtures/`.
