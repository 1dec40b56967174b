//! Quiz questions about code, answered by programs.
//!
//! A question that asks what a program prints, whether it compiles or whether
//! it finishes is backed by a program of the workspace, named by a quiz id
//! `NN-Q-slug` (chapter, question, what it shows):
//!
//! - a crate `listings/chNN-*/quiz-NN-Q-slug/` whose `Cargo.toml` says what
//!   the program does in `[package.metadata.quiz]`:
//!   `outcome = "finishes" | "blocks-forever" | "main-waits-on-a-running-thread"
//!   | "panics"`, and `lines` when threads make its output vary (see
//!   [`Lines`]). Its `output.txt` is its stdout (for `blocks-forever`, what it
//!   printed before every thread stopped for good), and a `panics` program's
//!   `panic.txt` is its panic message. The listings package's `quizzes` test
//!   runs every one and checks all of that;
//! - or a trybuild case `tests/compile-fail/cases/quiz-NN-Q-slug.rs` with its
//!   `.stderr`: the program does not compile (the compile-fail test checks it).
//!
//! A chapter's quiz shows the program with `{{#quiz-program NN-Q-slug}}` and
//! the checked result with `{{#quiz-outcome NN-Q-slug}}`, each on a line of
//! its own (indented like the list item it belongs to). Both are expanded in
//! process with the book's other directives ([`crate::Directives`]), so no
//! answer types what a program does.

use std::fs;
use std::path::{Path, PathBuf};

/// What a quiz program does when it is built and run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exits successfully, having printed `output.txt`.
    Finishes,
    /// Prints `output.txt`, then every thread waits with no timeout and no
    /// thread can wake another: it never ends.
    BlocksForever,
    /// Prints `output.txt`, and then, for as long as it is watched
    /// ([`MAIN_WAITS_FOR`]), the main thread waits with no timeout and never
    /// runs while another thread keeps running (a `join` on a thread that
    /// never ends). Unlike [`Outcome::BlocksForever`], no look at a process
    /// can prove "forever" here: the answer says what was watched.
    MainWaitsOnARunningThread,
    /// Prints `output.txt` and panics with `panic.txt`'s message (exit
    /// status 101).
    Panics,
    /// Fails to compile with its `.stderr`.
    DoesNotCompile,
}

impl Outcome {
    fn parse(word: &str) -> Option<Outcome> {
        match word {
            "finishes" => Some(Outcome::Finishes),
            "blocks-forever" => Some(Outcome::BlocksForever),
            "main-waits-on-a-running-thread" => Some(Outcome::MainWaitsOnARunningThread),
            "panics" => Some(Outcome::Panics),
            _ => None,
        }
    }
}

/// How long, and how often, the quizzes test watches a program whose
/// outcome is [`Outcome::MainWaitsOnARunningThread`]: the main thread must
/// wait, unmoved, at every look for this long while another thread runs
/// between every two looks. The answer states it, so it is defined here.
pub const MAIN_WAITS_FOR: std::time::Duration = std::time::Duration::from_millis(300);
/// The longest time between two looks at a watched program.
pub const LOOK_AGAIN: std::time::Duration = std::time::Duration::from_millis(50);
/// How many times the quizzes test runs a program whose lines vary
/// ([`Lines::PerSender`]); every run must hold.
pub const VARYING_RUNS: usize = 12;

/// What a quiz program's stdout must be, from `[package.metadata.quiz]`'s
/// `lines`. A line's *sender* is its first `sender-words` words (1 unless
/// the metadata says otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// `"exact"` (the default): `output.txt`, byte for byte.
    Exact,
    /// `"any-order"`: the lines of `output.txt` (recorded sorted), in any
    /// order.
    AnyOrder,
    /// `"per-sender"`: every line of `output.txt` once, each sender's lines
    /// in the order `output.txt` lists them; the mix between senders may
    /// differ. Checked over [`VARYING_RUNS`] runs.
    ///
    /// (There is no kind for "some of these lines": a recorded sample could
    /// not show the lines no run printed yet, and the check would fail the
    /// day one does. A quiz about lost lines makes the loss certain instead.)
    PerSender,
}

/// One quiz program.
#[derive(Debug, Clone)]
pub struct QuizProgram {
    /// `05-1-self-blocking-send`.
    pub id: String,
    /// Its source: the crate's program (`src/main.rs`, or the file its one
    /// `[[bin]]` names: a listing's own, when the question is about that
    /// listing as it is) or the trybuild case.
    pub source: PathBuf,
    /// The anchor of the region the question shows (`shown` unless the
    /// metadata's `shows` names another, such as a listing's own anchor).
    pub shows: String,
    /// The crate's folder (`None` for a compile-fail case).
    pub dir: Option<PathBuf>,
    pub outcome: Outcome,
    /// What its stdout must be.
    pub lines: Lines,
    /// How many leading words of a line name its sender.
    pub sender_words: usize,
}

/// The folder of compile-fail cases, relative to the root.
pub const CASES: &str = "tests/compile-fail/cases";

impl QuizProgram {
    /// The package name of a crate quiz (`quiz-05-1-self-blocking-send`).
    pub fn package(&self) -> String {
        format!("quiz-{}", self.id)
    }

    /// Finds the program a quiz id names.
    pub fn find(root: &Path, id: &str) -> Result<QuizProgram, String> {
        let chapter = id
            .get(..2)
            .filter(|n| n.chars().all(|c| c.is_ascii_digit()) && id[2..].starts_with('-'))
            .ok_or_else(|| format!("`{id}` is not a quiz id (`NN-Q-slug`)"))?;
        let case = root.join(CASES).join(format!("quiz-{id}.rs"));
        let crates: Vec<PathBuf> = fs::read_dir(root.join("listings"))
            .map_err(|e| format!("cannot read listings/: {e}"))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(&format!("ch{chapter}-")))
            })
            .map(|ch| ch.join(format!("quiz-{id}")))
            .filter(|dir| dir.join("Cargo.toml").is_file())
            .collect();
        match (crates.as_slice(), case.is_file()) {
            ([dir], false) => QuizProgram::from_crate(root, id, dir),
            ([], true) => Ok(QuizProgram {
                id: id.to_string(),
                source: case,
                shows: SHOWN.to_string(),
                dir: None,
                outcome: Outcome::DoesNotCompile,
                lines: Lines::Exact,
                sender_words: 1,
            }),
            ([], false) => Err(format!(
                "no quiz program `{id}`: expected a crate listings/ch{chapter}-*/quiz-{id}/ or a \
                 trybuild case {CASES}/quiz-{id}.rs"
            )),
            _ => Err(format!(
                "quiz program `{id}` is defined more than once (crates {crates:?}, case {})",
                case.display()
            )),
        }
    }

    fn from_crate(root: &Path, id: &str, dir: &Path) -> Result<QuizProgram, String> {
        let manifest = dir.join("Cargo.toml");
        // Messages name the file as the reader finds it, from the root.
        let shown = manifest.strip_prefix(root).unwrap_or(&manifest).display();
        let text =
            fs::read_to_string(&manifest).map_err(|e| format!("cannot read {}: {e}", shown))?;
        let value: toml::Table = text.parse().map_err(|e| format!("{}: {e}", shown))?;
        let quiz = value
            .get("package")
            .and_then(|p| p.get("metadata"))
            .and_then(|m| m.get("quiz"));
        let word = |key: &str| quiz.and_then(|q| q.get(key)).and_then(|v| v.as_str());
        let outcome = word("outcome").and_then(Outcome::parse).ok_or_else(|| {
            format!(
                "{}: needs `[package.metadata.quiz] outcome = \"finishes\"`, \
                 \"blocks-forever\", \"main-waits-on-a-running-thread\" or \"panics\"",
                shown
            )
        })?;
        let lines = match word("lines") {
            None | Some("exact") => Lines::Exact,
            Some("any-order") => Lines::AnyOrder,
            Some("per-sender") => Lines::PerSender,
            Some(other) => {
                return Err(format!(
                    "{}: `lines = \"{other}\"`: use \"exact\", \"any-order\" or \
                     \"per-sender\"",
                    shown
                ));
            }
        };
        let sender_words = match quiz.and_then(|q| q.get("sender-words")) {
            None => 1,
            Some(n) => n
                .as_integer()
                .and_then(|n| usize::try_from(n).ok())
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("{}: `sender-words` must be a whole number > 0", shown))?,
        };
        // A question about a listing as it is runs the listing's own file
        // (`[[bin]] path = "../listing-.../src/main.rs"`), never a copy. A
        // crate with more than one `[[bin]]` (a program that starts a
        // listing's) is the one named after the package.
        let bins = value.get("bin").and_then(|b| b.as_array());
        let package = format!("quiz-{id}");
        let source = match bins.map(|b| b.as_slice()) {
            None => dir.join("src/main.rs"),
            Some(bins) => {
                let named = |b: &&toml::Value| {
                    b.get("name").and_then(|n| n.as_str()) == Some(package.as_str())
                };
                let bin = match bins {
                    [bin] => bin,
                    _ => bins.iter().find(named).ok_or_else(|| {
                        format!("{shown}: of its `[[bin]]`s, none is named `{package}`, the quiz's program")
                    })?,
                };
                dir.join(
                    bin.get("path")
                        .and_then(|p| p.as_str())
                        .ok_or_else(|| format!("{}: its `[[bin]]` needs a `path`", shown))?,
                )
            }
        };
        Ok(QuizProgram {
            id: id.to_string(),
            source,
            shows: word("shows").unwrap_or(SHOWN).to_string(),
            dir: Some(dir.to_path_buf()),
            outcome,
            lines,
            sender_words,
        })
    }

    /// The file holding the checked result this outcome shows: `output.txt`,
    /// or the case's `.stderr`.
    pub fn expected_path(&self) -> PathBuf {
        match &self.dir {
            Some(dir) => dir.join("output.txt"),
            None => self.source.with_extension("stderr"),
        }
    }

    /// A panicking program's `panic.txt`.
    pub fn panic_path(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join("panic.txt"))
    }

    /// The markdown an answer shows for `{{#quiz-outcome}}`.
    pub fn outcome_markdown(&self) -> Result<String, String> {
        let read = |p: &Path| {
            fs::read_to_string(p)
                .map_err(|e| format!("quiz `{}`: cannot read {}: {e}", self.id, p.display()))
        };
        let expected = read(&self.expected_path())?;
        let block = |text: &str| format!("\n\n```text\n{}```\n", with_newline(text));
        let output = if expected.trim().is_empty() {
            None
        } else {
            let words = match self.sender_words {
                1 => "first word".to_string(),
                n => format!("first {n} words"),
            };
            Some(match self.lines {
                Lines::Exact => format!(":{}", block(&expected)),
                Lines::AnyOrder => format!(
                    " (the order of the lines varies from run to run; here they are sorted):{}",
                    block(&expected)
                ),
                Lines::PerSender => format!(
                    " these lines, each once. How the senders' lines mix may differ from run \
                     to run, but the lines of one sender (a line's {words}) always come in the \
                     order shown here (checked over {VARYING_RUNS} runs):{}",
                    block(&expected)
                ),
            })
        };
        const WATCHED: &str = "the book's test sees every thread of the process waiting \
                               with no timeout, for another thread or for a pipe that no other \
                               process holds, none able to wake another, and stops it";
        let looks = format!(
            "The book's test watches it for {} ms, with at most {} ms between two looks: at \
             every look, the main thread is waiting with no timeout and has not run since the \
             look before, while another thread has run in between. Then the test stops it. \
             That it would go on like this forever is what its code says; the test saw {} ms \
             of it",
            MAIN_WAITS_FOR.as_millis(),
            LOOK_AGAIN.as_millis(),
            MAIN_WAITS_FOR.as_millis()
        );
        let md = match (self.outcome, output) {
            (Outcome::Finishes, None) => {
                "**Checked:** it compiles, runs to the end and prints nothing.\n".to_string()
            }
            (Outcome::Finishes, Some(out)) => {
                format!("**Checked:** it compiles, runs to the end and prints{out}")
            }
            (Outcome::BlocksForever, None) => {
                format!("**Checked:** it prints nothing and never finishes: {WATCHED}.\n")
            }
            (Outcome::BlocksForever, Some(out)) => format!(
                "**Checked:** it never finishes ({WATCHED}). Before it stops, it prints{out}"
            ),
            (Outcome::MainWaitsOnARunningThread, None) => {
                format!("**Checked:** it prints nothing and does not end by itself. {looks}.\n")
            }
            (Outcome::MainWaitsOnARunningThread, Some(out)) => format!(
                "**Checked:** it does not end by itself. {looks}. Before the test stops it, it \
                 prints{out}"
            ),
            (Outcome::Panics, out) => {
                let message = read(&self.panic_path().unwrap())?;
                let mut md = format!(
                    "**Checked:** it panics with the message {} (exit status 101).\n",
                    code_span(message.trim())
                );
                if let Some(out) = out {
                    md.push_str(&format!("\nBefore that, it prints{out}"));
                }
                md
            }
            (Outcome::DoesNotCompile, _) => {
                let first = expected
                    .lines()
                    .find(|l| l.starts_with("error"))
                    .unwrap_or("error");
                format!(
                    "**Checked:** it does not compile: `` {} ``. The compiler says:{}",
                    first.trim(),
                    block(&expected)
                )
            }
        };
        Ok(md)
    }

    /// The markdown an answer shows for `{{#quiz-program}}`: the program.
    /// Crates are compiled by skeptic too (`no_run`: the quizzes test runs
    /// them); a case is `compile_fail`, which trybuild proves.
    ///
    /// The text is generated here rather than as an mdBook include: a quiz
    /// sits in a list item, and an include's lines would not be indented.
    pub fn program_markdown(&self) -> Result<String, String> {
        let code = fs::read_to_string(&self.source).map_err(|e| {
            format!(
                "quiz `{}`: cannot read {}: {e}",
                self.id,
                self.source.display()
            )
        })?;
        // No Run button (`noplayground`): the reader is asked to predict
        // what the program does, and the button would answer for them.
        // `quiz` (a class in the HTML, ignored by rustdoc's and skeptic's
        // rules) tells the browser test that this is such a block, even when
        // it shows a listing's program, which elsewhere has a button.
        let info = match self.outcome {
            Outcome::DoesNotCompile => "rust,compile_fail,noplayground,quiz",
            _ => "rust,no_run,noplayground,quiz",
        };
        // A region named in the metadata must be there: otherwise the
        // reader would silently be shown the whole program.
        if self.shows != SHOWN && !code.contains(&format!("// ANCHOR: {}", self.shows)) {
            return Err(format!(
                "quiz `{}`: its metadata says `shows = \"{}\"`, but {} has no `// ANCHOR: {}`",
                self.id,
                self.shows,
                self.source.display(),
                self.shows
            ));
        }
        Ok(format!(
            "```{info}\n{}```\n",
            with_newline(&shown(&code, &self.shows))
        ))
    }
}

/// The anchor a quiz program marks its region with, unless it says another.
const SHOWN: &str = "shown";

/// A program's lines as the answer shows them: when it marks what a question
/// is about with `// ANCHOR: NAME` ... `// ANCHOR_END: NAME` (`anchor`; as
/// often as needed), every other line becomes one of mdBook's hidden lines
/// (`# `), which the reader can reveal and skeptic still compiles, as mdBook's
/// `rustdoc_include` with an anchor does. Every anchor marker is dropped, as
/// mdBook drops them.
pub fn shown(code: &str, anchor: &str) -> String {
    let (start, end) = (format!("ANCHOR: {anchor}"), format!("ANCHOR_END: {anchor}"));
    let marker = |line: &str| {
        let t = line.trim_start();
        t.starts_with("// ANCHOR: ") || t.starts_with("// ANCHOR_END: ")
    };
    let whole = !code.lines().any(|l| l.trim_end().ends_with(&start));
    let mut inside = false;
    let mut out = String::new();
    for line in code.lines() {
        if line.trim_end().ends_with(&start) && marker(line) {
            inside = true;
        } else if line.trim_end().ends_with(&end) && marker(line) {
            inside = false;
        } else if marker(line) {
            // Another region's marker: dropped, as mdBook drops it.
        } else if whole || inside {
            out.push_str(line);
            out.push('\n');
        } else if line.is_empty() {
            out.push_str("#\n");
        } else {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// A line's sender: its first `words` words.
pub fn sender(line: &str, words: usize) -> String {
    line.split_whitespace()
        .take(words)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks one run's stdout against `output.txt` for [`Lines::PerSender`]:
/// each sender's lines are exactly `expected`'s lines of that sender, in
/// the same order.
pub fn judge_per_sender(expected: &str, actual: &str, words: usize) -> Result<(), String> {
    use std::collections::BTreeMap;
    let by_sender = |text: &str| {
        let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for line in text.lines() {
            map.entry(sender(line, words))
                .or_default()
                .push(line.to_string());
        }
        map
    };
    let want = by_sender(expected);
    let got = by_sender(actual);
    for (who, lines_got) in &got {
        let Some(lines_want) = want.get(who) else {
            return Err(format!(
                "a line from `{who}`, who sends none of the expected lines: {:?}",
                lines_got[0]
            ));
        };
        if !lines_want.starts_with(lines_got) {
            return Err(format!(
                "`{who}`'s lines are not its first {} in the expected order: got {lines_got:?}, \
                 expected (in this order) {lines_want:?}",
                lines_got.len()
            ));
        }
    }
    for (who, lines_want) in &want {
        let n = got.get(who).map_or(0, Vec::len);
        if n != lines_want.len() {
            return Err(format!(
                "`{who}` printed {n} of its {} lines; every run prints them all",
                lines_want.len()
            ));
        }
    }
    Ok(())
}

/// `text` as inline code: fenced by one backtick more than its longest run
/// of backticks (a panic message often quotes code, as in
/// ``called `Result::unwrap()` on an `Err` value``), padded with spaces when
/// it starts or ends with one.
fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if longest > 0 {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

fn with_newline(s: &str) -> String {
    if s.ends_with('\n') {
        s.to_string()
    } else {
        format!("{s}\n")
    }
}

/// Every quiz program of the workspace: the crates under `listings/` and the
/// `quiz-*` compile-fail cases, by id.
pub fn all(root: &Path) -> Result<Vec<QuizProgram>, String> {
    let mut ids = Vec::new();
    for chapter in sorted_dir(&root.join("listings")) {
        for dir in sorted_dir(&chapter) {
            if let Some(id) = name_of(&dir).strip_prefix("quiz-") {
                ids.push(id.to_string());
            }
        }
    }
    for file in sorted_dir(&root.join(CASES)) {
        let name = name_of(&file);
        if let Some(id) = name
            .strip_prefix("quiz-")
            .and_then(|n| n.strip_suffix(".rs"))
        {
            ids.push(id.to_string());
        }
    }
    ids.sort();
    ids.into_iter()
        .map(|id| QuizProgram::find(root, &id))
        .collect()
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn sorted_dir(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    entries
}

/// A quiz directive on a line of a chapter: its indentation, kind and id.
#[derive(Debug, PartialEq, Eq)]
pub struct Directive<'a> {
    pub indent: &'a str,
    pub kind: &'a str,
    pub id: &'a str,
}

/// Reads a line that is a quiz directive (`   {{#quiz-outcome 05-1-x}}`).
pub fn directive(line: &str) -> Option<Directive<'_>> {
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    let inner = trimmed.trim_end().strip_prefix("{{#")?.strip_suffix("}}")?;
    let (kind, id) = inner.split_once(' ')?;
    matches!(kind, "quiz-program" | "quiz-outcome").then(|| Directive {
        indent,
        kind,
        id: id.trim(),
    })
}

/// The markdown a quiz directive (`quiz-program` or `quiz-outcome`) stands
/// for, each line indented by `indent` (the directive's own, inside a list
/// item). Run by [`crate::Directives`] with the book's other directives.
pub fn markdown(root: &Path, kind: &str, id: &str, indent: &str) -> Result<String, String> {
    let program = QuizProgram::find(root, id)?;
    let md = match kind {
        "quiz-program" => program.program_markdown()?,
        "quiz-outcome" => program.outcome_markdown()?,
        other => return Err(format!("`{other}` is not a quiz directive")),
    };
    let mut out = String::new();
    for (i, line) in md.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if !line.is_empty() {
            out.push_str(indent);
            out.push_str(line);
        }
    }
    Ok(out)
}

/// Expands every quiz directive of a text (the way [`crate::Directives`]
/// does, for tests of this module alone). Errors name the file, the line
/// and the id.
pub fn expand(root: &Path, chapter: &str, text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let Some(d) = directive(line) else {
            out.push_str(line);
            continue;
        };
        let md = markdown(root, d.kind, d.id, d.indent)
            .map_err(|e| format!("{chapter}:{}: {e}", i + 1))?;
        out.push_str(&md);
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A throwaway workspace with one quiz crate and one case.
    fn fixture(name: &str) -> PathBuf {
        let root =
            std::env::temp_dir().join(format!("book-model-quiz-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let krate = root.join("listings/ch05-bounded/quiz-05-1-blocks");
        fs::create_dir_all(krate.join("src")).unwrap();
        fs::write(
            krate.join("Cargo.toml"),
            "[package]\nname = \"quiz-05-1-blocks\"\n\n[package.metadata.quiz]\noutcome = \"blocks-forever\"\n",
        )
        .unwrap();
        fs::write(krate.join("src/main.rs"), "fn main() {}\n").unwrap();
        fs::write(krate.join("output.txt"), "sent 1\n").unwrap();
        fs::create_dir_all(root.join(CASES)).unwrap();
        fs::write(
            root.join(CASES).join("quiz-02-1-moved.rs"),
            "fn main() {}\n",
        )
        .unwrap();
        fs::write(
            root.join(CASES).join("quiz-02-1-moved.stderr"),
            "error[E0382]: borrow of moved value: `dish`\n",
        )
        .unwrap();
        root
    }

    #[test]
    fn directives_expand_to_the_program_and_its_checked_outcome() {
        let root = fixture("expand");
        let text = "1. Q?\n\n   {{#quiz-program 05-1-blocks}}\n\n   {{#quiz-outcome 05-1-blocks}}\n   {{#quiz-outcome 02-1-moved}}\n";
        let out = expand(&root, "src/ch05.md", text).unwrap();
        assert!(
            out.contains("   ```rust,no_run,noplayground,quiz\n   fn main() {}\n   ```\n"),
            "{out}"
        );
        assert!(
            out.contains(
                "   **Checked:** it never finishes (the book's test sees every thread of the process \
                 waiting with no timeout, for another thread or for a pipe that no other process \
                 holds, none able to wake another, and stops it). Before it stops, it \
                 prints:\n\n   ```text\n   sent 1\n   ```"
            ),
            "{out}"
        );
        assert!(out.contains("   **Checked:** it does not compile: `` error[E0382]: borrow of moved value: `dish` ``. The compiler says:\n\n   ```text\n   error[E0382]"), "{out}");
        let all: Vec<String> = all(&root).unwrap().into_iter().map(|q| q.id).collect();
        assert_eq!(all, ["02-1-moved", "05-1-blocks"]);
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_crate_with_several_bins_shows_the_one_named_after_it() {
        let root = fixture("bins");
        let manifest = root.join("listings/ch05-bounded/quiz-05-1-blocks/Cargo.toml");
        let head = "[package]\nname = \"quiz-05-1-blocks\"\n\n[package.metadata.quiz]\noutcome = \"finishes\"\n\n";
        let other = "[[bin]]\nname = \"kitchen\"\npath = \"../listing-05-01-x/src/main.rs\"\n";
        let own = "[[bin]]\nname = \"quiz-05-1-blocks\"\npath = \"src/main.rs\"\n";
        fs::write(&manifest, format!("{head}{other}{own}")).unwrap();
        let found = QuizProgram::find(&root, "05-1-blocks").unwrap();
        assert!(
            found.source.ends_with("quiz-05-1-blocks/src/main.rs"),
            "{found:?}"
        );
        fs::write(&manifest, format!("{head}{other}{other}")).unwrap();
        let e = QuizProgram::find(&root, "05-1-blocks").unwrap_err();
        assert!(e.contains("none is named `quiz-05-1-blocks`"), "{e}");
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_main_wait_and_per_sender_lines_say_what_was_checked() {
        let root = fixture("kinds");
        let krate = root.join("listings/ch05-bounded/quiz-05-3-joins");
        fs::create_dir_all(krate.join("src")).unwrap();
        fs::write(
            krate.join("Cargo.toml"),
            "[package]\nname = \"quiz-05-3-joins\"\n\n[package.metadata.quiz]\n\
             outcome = \"main-waits-on-a-running-thread\"\nlines = \"per-sender\"\n\
             sender-words = 2\n",
        )
        .unwrap();
        fs::write(krate.join("src/main.rs"), "fn main() {}\n").unwrap();
        fs::write(krate.join("output.txt"), "cook 1: soup\ncook 2: stew\n").unwrap();
        let out = expand(&root, "src/ch05.md", "{{#quiz-outcome 05-3-joins}}\n").unwrap();
        let watched = format!(
            "**Checked:** it does not end by itself. The book's test watches it for {} ms",
            MAIN_WAITS_FOR.as_millis()
        );
        assert!(out.starts_with(&watched), "{out}");
        assert!(
            out.contains(&format!(
                "the lines of one sender (a line's first 2 words) always come in the order \
                 shown here (checked over {VARYING_RUNS} runs):\n\n```text\ncook 1: soup\n"
            )),
            "{out}"
        );
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn an_unknown_id_or_outcome_fails_the_render_naming_the_line() {
        let root = fixture("unknown");
        let e = expand(
            &root,
            "src/ch05.md",
            "x\n   {{#quiz-outcome 05-9-nothing}}\n",
        )
        .unwrap_err();
        assert_eq!(
            e,
            "src/ch05.md:2: no quiz program `05-9-nothing`: expected a crate \
             listings/ch05-*/quiz-05-9-nothing/ or a trybuild case tests/compile-fail/cases/quiz-05-9-nothing.rs"
        );
        let manifest = root.join("listings/ch05-bounded/quiz-05-1-blocks/Cargo.toml");
        fs::write(&manifest, "[package]\nname = \"quiz-05-1-blocks\"\n").unwrap();
        let e = expand(&root, "src/ch05.md", "{{#quiz-outcome 05-1-blocks}}\n").unwrap_err();
        assert!(
            e.starts_with("src/ch05.md:1: ")
                && e.contains("needs `[package.metadata.quiz] outcome"),
            "{e}"
        );
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn lines_outside_the_shown_region_are_hidden() {
        let code = "use std::sync::mpsc;\n\nfn main() {\n    // ANCHOR: shown\n    let (tx, rx) = mpsc::channel::<u8>();\n    // ANCHOR_END: shown\n    drop((tx, rx));\n}\n";
        assert_eq!(
            shown(code, "shown"),
            "# use std::sync::mpsc;\n#\n# fn main() {\n    let (tx, rx) = mpsc::channel::<u8>();\n#     drop((tx, rx));\n# }\n"
        );
        assert_eq!(shown("fn main() {}\n", "shown"), "fn main() {}\n");
        // A listing's own anchors: the one named is shown, the others' markers dropped.
        let listing = "// ANCHOR: order\nstruct Order;\n// ANCHOR_END: order\n\nfn main() {\n    // ANCHOR: terminals\n    let _ = Order;\n    // ANCHOR_END: terminals\n}\n";
        assert_eq!(
            shown(listing, "terminals"),
            "# struct Order;\n#\n# fn main() {\n    let _ = Order;\n# }\n"
        );
        assert_eq!(
            shown(listing, "shown"),
            "struct Order;\n\nfn main() {\n    let _ = Order;\n}\n"
        );
    }

    #[test]
    fn per_sender_lines_keep_each_senders_order() {
        let expected = "grill: started\ngrill: done\nfryer: started\nfryer: done\n";
        let mixed = "fryer: started\ngrill: started\nfryer: done\ngrill: done\n";
        assert_eq!(judge_per_sender(expected, mixed, 1), Ok(()));
        let swapped = "grill: done\ngrill: started\nfryer: started\nfryer: done\n";
        let e = judge_per_sender(expected, swapped, 1).unwrap_err();
        assert!(e.contains("`grill:`'s lines are not its first 2"), "{e}");
        let short = "grill: started\nfryer: started\nfryer: done\n";
        let e = judge_per_sender(expected, short, 1).unwrap_err();
        assert!(e.contains("`grill:` printed 1 of its 2 lines"), "{e}");
        let twice = format!("{expected}grill: started\n");
        assert!(judge_per_sender(expected, &twice, 1).is_err());
        let stranger = format!("{expected}oven: started\n");
        let e = judge_per_sender(expected, &stranger, 1).unwrap_err();
        assert!(e.contains("`oven:`"), "{e}");
        assert_eq!(sender("cook 2 line 01: soup", 2), "cook 2");
    }

    #[test]
    fn code_spans_hold_backticks() {
        assert_eq!(code_span("chunk size"), "`chunk size`");
        assert_eq!(
            code_span("called `Result::unwrap()` on an `Err` value"),
            "`` called `Result::unwrap()` on an `Err` value ``"
        );
    }

    #[test]
    fn only_whole_lines_are_directives() {
        assert_eq!(
            directive("   {{#quiz-outcome 05-1-x}}\n"),
            Some(Directive {
                indent: "   ",
                kind: "quiz-outcome",
                id: "05-1-x"
            })
        );
        assert_eq!(directive("see {{#quiz-outcome 05-1-x}}"), None);
        assert_eq!(directive("{{#include x.rs}}"), None);
    }
}
