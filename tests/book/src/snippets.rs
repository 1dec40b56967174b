//! The Rust blocks a reader sees, found in the rendered markdown with the
//! parser mdBook renders with, and turned into the programs skeptic compiles:
//! the same rules skeptic's own generator applies (hidden `# ` lines shown to
//! the compiler, `should_panic`, `no_run`, `skt-NAME` templates).

use mdbook_markdown::pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// How a Rust block is checked, read from its info string with skeptic's
/// token rules (split on anything but `_`, `-` and alphanumerics).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Info {
    pub rust: bool,
    pub should_panic: bool,
    pub no_run: bool,
    pub ignore: bool,
    pub compile_fail: bool,
    /// `skt-lib` -> `lib`.
    pub template: Option<String>,
}

pub fn info(info: &str) -> Info {
    let mut i = Info {
        rust: false,
        should_panic: false,
        no_run: false,
        ignore: false,
        compile_fail: false,
        template: None,
    };
    for token in info.split(|c: char| !(c == '_' || c == '-' || c.is_alphanumeric())) {
        match token {
            "rust" => i.rust = true,
            "should_panic" => i.should_panic = true,
            "no_run" => i.no_run = true,
            "ignore" => i.ignore = true,
            "compile_fail" => i.compile_fail = true,
            t => {
                if let Some(name) = t.strip_prefix("skt-") {
                    i.template = Some(name.to_string());
                }
            }
        }
    }
    i
}

/// A fenced block in a rendered chapter.
#[derive(Debug, Clone)]
pub struct RenderedBlock {
    /// 1-based line of the opening fence in the rendered text.
    pub line: usize,
    pub info: String,
    pub code: String,
}

/// Every fenced code block of a markdown text, as mdBook's parser sees it.
pub fn rendered_blocks(markdown: &str) -> Vec<RenderedBlock> {
    let mut found = Vec::new();
    let mut open: Option<RenderedBlock> = None;
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                open = Some(RenderedBlock {
                    line: markdown[..range.start].lines().count() + 1,
                    info: info.to_string(),
                    code: String::new(),
                });
            }
            Event::Text(text) => {
                if let Some(block) = &mut open {
                    block.code.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => found.extend(open.take()),
            _ => {}
        }
    }
    found
}

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
    fn reads_info_strings_like_skeptic() {
        let i = info("rust,should_panic");
        assert!(i.rust && i.should_panic && !i.no_run);
        assert_eq!(info("rust,skt-lib").template.as_deref(), Some("lib"));
        assert!(!info("console").rust);
        assert!(info("rust,compile_fail").compile_fail);
    }

    #[test]
    fn hidden_lines_are_compiled_and_templates_applied() {
        let code = "# use std::sync::mpsc;\nfn main() {\n    # let x = 1;\n}\n";
        let text = program(&info("rust"), code).unwrap();
        assert_eq!(text, "\nuse std::sync::mpsc;\nfn main() {\nlet x = 1;\n}\n");
        let lib = program(&info("rust,skt-lib"), "pub fn f() {}\n").unwrap();
        assert!(lib.contains("pub fn f() {}") && lib.ends_with("fn main() {}"));
        assert!(program(&info("rust,skt-nope"), "").is_err());
    }

    #[test]
    fn finds_blocks_with_their_lines() {
        let md = "# T\n\n```rust\nfn main() {}\n```\n\n<details>\n\n```rust,no_run\nfn x() {}\n```\n\n</details>\n";
        let b = rendered_blocks(md);
        assert_eq!(b.len(), 2);
        assert_eq!((b[0].line, b[0].info.as_str()), (3, "rust"));
        assert_eq!(b[0].code, "fn main() {}\n");
        assert_eq!((b[1].line, b[1].info.as_str()), (9, "rust,no_run"));
    }

    #[test]
    fn a_listing_and_its_snippet_have_one_key() {
        let main_rs = "// ANCHOR: all\nuse std::sync::mpsc;\n\nfn main() {\n    // ANCHOR: send\n    let (tx, rx) = mpsc::channel::<i32>();\n    // ANCHOR_END: send\n}\n// ANCHOR_END: all\n";
        let snippet = program(
            &info("rust"),
            "# use std::sync::mpsc;\n#\n# fn main() {\n    let (tx, rx) = mpsc::channel::<i32>();\n# }\n",
        )
        .unwrap();
        assert_eq!(listing_key(main_rs), program_key(&snippet));
    }
}
