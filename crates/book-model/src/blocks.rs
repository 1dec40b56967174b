//! Fenced code blocks, found with the parser mdBook renders with
//! (pulldown-cmark through `mdbook-markdown`), and their info strings read
//! with skeptic's token rules (split on anything but `_`, `-` and
//! alphanumerics), which rustdoc shares.

use mdbook_markdown::pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// A fenced code block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// 1-based line of the opening fence.
    pub line: usize,
    /// The info string (`rust,no_run`).
    pub info: String,
    /// The text between the fences.
    pub code: String,
}

impl Block {
    pub fn info(&self) -> Info {
        Info::parse(&self.info)
    }

    /// The block's lines that are not blank.
    pub fn lines(&self) -> Vec<&str> {
        self.code.lines().filter(|l| !l.trim().is_empty()).collect()
    }
}

/// What a block's info string says, as skeptic reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Info {
    pub rust: bool,
    pub should_panic: bool,
    pub no_run: bool,
    pub ignore: bool,
    pub compile_fail: bool,
    /// `skt-lib` -> `lib`.
    pub template: Option<String>,
}

/// How a block is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Not Rust: console output, compiler errors, text. An empty info string
    /// is not Rust to skeptic nor to mdBook's highlighter.
    Other,
    /// skeptic compiles and runs it.
    Run,
    /// skeptic compiles it only (`no_run`).
    CompileOnly,
    /// Must fail to compile: shown from a trybuild case, hidden from skeptic.
    CompileFail,
    /// `ignore`: needs a written reason in the chapter.
    Ignored,
}

impl Info {
    pub fn parse(info: &str) -> Info {
        let mut i = Info::default();
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

    pub fn kind(&self) -> Kind {
        match self {
            Info { rust: false, .. } => Kind::Other,
            Info {
                compile_fail: true, ..
            } => Kind::CompileFail,
            Info { ignore: true, .. } => Kind::Ignored,
            Info { no_run: true, .. } => Kind::CompileOnly,
            _ => Kind::Run,
        }
    }
}

/// Every fenced code block of a markdown text, as mdBook's parser sees it.
pub fn fenced_blocks(markdown: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut open: Option<Block> = None;
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                open = Some(Block {
                    line: markdown[..range.start].matches('\n').count() + 1,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_strings() {
        let kind = |s: &str| Info::parse(s).kind();
        assert_eq!(kind("rust"), Kind::Run);
        assert_eq!(kind("rust,no_run"), Kind::CompileOnly);
        assert_eq!(kind("rust,compile_fail"), Kind::CompileFail);
        assert_eq!(kind("rust,ignore"), Kind::Ignored);
        assert_eq!(kind("rust,should_panic"), Kind::Run);
        assert_eq!(kind("console"), Kind::Other);
        assert_eq!(kind(""), Kind::Other);
        assert_eq!(kind("no_run"), Kind::Other);
        assert_eq!(Info::parse("rust,skt-lib").template.as_deref(), Some("lib"));
    }

    #[test]
    fn finds_blocks_and_their_lines() {
        let md = "# T\n\n```rust\nfn main() {}\n```\n\ntext\n\n````text\n```\n````\n";
        let b = fenced_blocks(md);
        assert_eq!(b.len(), 2);
        assert_eq!((b[0].line, b[0].info.as_str()), (3, "rust"));
        assert_eq!(b[0].code, "fn main() {}\n");
        assert_eq!(b[1].code, "```\n");
    }
}
