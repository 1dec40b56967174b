//! The Rust blocks a reader sees (found by `book_model::blocks`), turned into
//! the programs skeptic compiles:
//! the same rules skeptic's own generator applies (hidden `# ` lines shown to
//! the compiler, `should_panic`, `no_run`, `skt-NAME` templates).

use book_model::blocks::Info;

/// What skeptic's template `skt-lib` makes of a block: exercise code is a
/// library module, compiled as a binary with an empty `main`.
const LIB_TEMPLATE: (&str, &str) = ("#![allow(unused)]\n", "\nfn main() {}");

/// The program skeptic compiles for a block: hidden lines (`# `) shown, the
/// template (if any) around it. `Err` names an unknown template.
pub fn program(info: &Info, code: &str) -> Result<String, String> {
    let cleaned: String = code.split_inclusive('\n').map(clean_hidden_line).collect();
    match info.template.as_deref() {
        None => Ok(format!("\n{cleaned}")),
        Some("lib") => Ok(format!("\n{}{cleaned}{}", LIB_TEMPLATE.0, LIB_TEMPLATE.1)),
        Some(other) => Err(format!(
            "unknown skeptic template `skt-{other}` (the book defines only `skt-lib`)"
        )),
    }
}

/// rustdoc's and skeptic's rule: a line whose first non-blank characters are
/// `# ` (or that is only `#`) is hidden from the reader but compiled.
fn clean_hidden_line(line: &str) -> &str {
    let trimmed = line.trim_start();
    if let Some(rest) = trimmed.strip_prefix("# ") {
        rest
    } else if line.trim() == "#" {
        &trimmed[1..]
    } else {
        line
    }
}

/// A program with blank lines and indentation ignored: two snippets, or a
/// snippet and a listing file, with the same key are the same program.
pub fn program_key(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A listing's `src/main.rs` as any include of it shows it: the `ANCHOR`
/// comment lines are never shown.
pub fn listing_key(main_rs: &str) -> String {
    let shown: Vec<&str> = main_rs
        .lines()
        .filter(|l| !l.contains("ANCHOR:") && !l.contains("ANCHOR_END:"))
        .collect();
    program_key(&shown.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_lines_are_compiled_and_templates_applied() {
        let code = "# use std::sync::mpsc;\nfn main() {\n    # let x = 1;\n}\n";
        let text = program(&Info::parse("rust"), code).unwrap();
        assert_eq!(text, "\nuse std::sync::mpsc;\nfn main() {\nlet x = 1;\n}\n");
        let lib = program(&Info::parse("rust,skt-lib"), "pub fn f() {}\n").unwrap();
        assert!(lib.contains("pub fn f() {}") && lib.ends_with("fn main() {}"));
        assert!(program(&Info::parse("rust,skt-nope"), "").is_err());
    }

    #[test]
    fn a_listing_and_its_snippet_have_one_key() {
        let main_rs = "// ANCHOR: all\nuse std::sync::mpsc;\n\nfn main() {\n    // ANCHOR: send\n    let (tx, rx) = mpsc::channel::<i32>();\n    // ANCHOR_END: send\n}\n// ANCHOR_END: all\n";
        let snippet = program(
            &Info::parse("rust"),
            "# use std::sync::mpsc;\n#\n# fn main() {\n    let (tx, rx) = mpsc::channel::<i32>();\n# }\n",
        )
        .unwrap();
        assert_eq!(listing_key(main_rs), program_key(&snippet));
        // A block that changes, adds or leaves out a line is another program,
        // which the snippet runner compiles and runs itself.
        for other in [
            "# use std::sync::mpsc;\n# fn main() {\n    let (tx, rx) = mpsc::channel::<u8>();\n# }\n",
            "# use std::sync::mpsc;\n# fn main() {\n    let (tx, rx) = mpsc::channel::<i32>();\n    drop(tx);\n# }\n",
            "fn main() {\n    let (tx, rx) = mpsc::channel::<i32>();\n}\n",
        ] {
            let block = program(&Info::parse("rust"), other).unwrap();
            assert_ne!(listing_key(main_rs), program_key(&block), "{other}");
        }
    }
}
