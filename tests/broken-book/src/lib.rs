//! Nothing here: the test is `tests/broken_book.rs`, run by `.ci/broken-book`.
