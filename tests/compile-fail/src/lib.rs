//! Nothing to build here: the cases are in `cases/`, the test in `tests/ui.rs`.
