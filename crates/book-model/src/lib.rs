//! The book model and the in-process preprocessors every render registers.
//! On this branch only the quiz directives live here; branch `model` brings
//! the loader, the include parser and the listing directives.

pub mod quiz;
