//! Shared between the build script and the tests: how a fenced block's info
//! string is read, the same way skeptic (and rustdoc) read it.

/// What a fenced code block is, by its info string (`rust,no_run`, `text`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// Not Rust: console output, compiler errors, text.
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

/// Classifies an info string with skeptic's token rules: tokens are split on
/// anything but `_`, `-` and alphanumerics.
pub fn classify(info: &str) -> BlockKind {
    let tokens: Vec<&str> = info
        .split(|c: char| !(c == '_' || c == '-' || c.is_alphanumeric()))
        .collect();
    let has = |t: &str| tokens.contains(&t);
    // skeptic takes a block as Rust only when its info string says `rust`
    // (an empty info string is not Rust to skeptic nor to mdBook's highlighter).
    if !has("rust") {
        return BlockKind::Other;
    }
    let (ignore, no_run, compile_fail) = (has("ignore"), has("no_run"), has("compile_fail"));
    if compile_fail {
        BlockKind::CompileFail
    } else if ignore {
        BlockKind::Ignored
    } else if no_run {
        BlockKind::CompileOnly
    } else {
        BlockKind::Run
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_strings() {
        assert_eq!(classify("rust"), BlockKind::Run);
        assert_eq!(classify("rust,no_run"), BlockKind::CompileOnly);
        assert_eq!(classify("rust,compile_fail"), BlockKind::CompileFail);
        assert_eq!(classify("rust,ignore"), BlockKind::Ignored);
        assert_eq!(classify("rust,should_panic"), BlockKind::Run);
        assert_eq!(classify("console"), BlockKind::Other);
        assert_eq!(classify("text"), BlockKind::Other);
        assert_eq!(classify(""), BlockKind::Other);
        assert_eq!(classify("no_run"), BlockKind::Other);
    }
}

/// A fenced code block found in a markdown file.
#[derive(Debug, Clone)]
pub struct Block {
    /// 1-based line of the opening fence.
    pub line: usize,
    /// The info string after the fence (`rust,no_run`).
    pub info: String,
    /// The lines between the fences.
    pub body: Vec<String>,
}

impl Block {
    pub fn kind(&self) -> BlockKind {
        classify(&self.info)
    }
}

/// Finds the fenced code blocks of a markdown text, line by line (``` or ~~~
/// fences, indented at most three spaces). The book's own markdown is simple
/// enough for this; `tests/book.rs` cross-checks the count against skeptic's.
pub fn fenced_blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, Block)> = None;
    for (i, line) in markdown.lines().enumerate() {
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim_start();
        let fence: String = trimmed
            .chars()
            .take_while(|&c| c == '`' || c == '~')
            .collect();
        let is_fence = indent <= 3
            && fence.len() >= 3
            && fence.chars().all(|c| c == fence.chars().next().unwrap());
        match open.take() {
            None if is_fence => {
                let block = Block {
                    line: i + 1,
                    info: trimmed[fence.len()..].trim().to_string(),
                    body: Vec::new(),
                };
                open = Some((fence, block));
            }
            None => {}
            Some((f, block))
                if is_fence
                    && fence.starts_with(&f)
                    && trimmed[fence.len()..].trim().is_empty() =>
            {
                blocks.push(block);
            }
            Some((f, mut block)) => {
                block.body.push(line.to_string());
                open = Some((f, block));
            }
        }
    }
    if let Some((_, block)) = open {
        blocks.push(block);
    }
    blocks
}

#[cfg(test)]
mod scan_tests {
    use super::*;

    #[test]
    fn finds_blocks_and_their_lines() {
        let md = "# T\n\n```rust\nfn main() {}\n```\n\ntext\n\n````text\n```\n````\n";
        let b = fenced_blocks(md);
        assert_eq!(b.len(), 2);
        assert_eq!((b[0].line, b[0].info.as_str()), (3, "rust"));
        assert_eq!(b[0].body, ["fn main() {}"]);
        assert_eq!(b[1].body, ["```"]);
    }
}
