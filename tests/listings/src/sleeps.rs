//! "No listing sleeps for seconds", checked on the sources rather than on a
//! stopwatch, so a loaded machine cannot make it fail: every call that always
//! waits its full time (`thread::sleep`, tokio's `sleep`, `park_timeout`,
//! `sleep_ms`) must wait less than [`LIMIT`].
//!
//! The sources are parsed with syn. A call's argument is worked out where the
//! file says what it is: a `Duration` constructor (`from_secs`, `from_millis`,
//! ..., `new`, `MAX`), arithmetic on those and on numbers, and the `const`s,
//! `static`s and `let`s of the same file it names (a name bound several times
//! counts at its longest). An argument only known at run time (a function's
//! parameter) is not judged here; the run-time report of `cargo xtask
//! stress` shows every listing's time.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;
use syn::visit::{self, Visit};
use syn::{BinOp, Expr, Lit, Pat, spanned::Spanned};

/// A wait this long or longer makes a reader's `cargo run` feel stuck.
pub const LIMIT: Duration = Duration::from_secs(1);

/// Calls that wait their whole argument (unless woken, for `park_timeout`).
const SLEEPS: &[&str] = &["sleep", "park_timeout", "sleep_ms"];

/// Every sleep of [`LIMIT`] or more in the `.rs` files under `dir` (its
/// `target` and hidden folders aside), as `path:line: ...` relative to
/// `root`.
pub fn long_sleeps(dir: &Path, root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for path in support::files_under(dir, ".rs") {
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .display()
            .to_string();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                found.push(format!("{rel}: cannot read: {e}"));
                continue;
            }
        };
        found.extend(
            long_sleeps_in(&text)
                .unwrap_or_else(|e| vec![format!("cannot parse it as Rust: {e}")])
                .into_iter()
                .map(|f| format!("{rel}:{f}")),
        );
    }
    found
}

/// [`long_sleeps`] in one file's text: `line: ...` for each.
pub fn long_sleeps_in(text: &str) -> Result<Vec<String>, String> {
    let file = syn::parse_file(text).map_err(|e| e.to_string())?;
    let mut names = Names::default();
    names.visit_file(&file);
    let mut sleeps = Sleeps {
        names: &names.0,
        found: Vec::new(),
    };
    sleeps.visit_file(&file);
    let lines: Vec<&str> = text.lines().collect();
    Ok(sleeps
        .found
        .into_iter()
        .map(|(line, secs)| {
            let code = lines.get(line.wrapping_sub(1)).map_or("", |l| l.trim());
            format!(
                "{line}: `{code}` sleeps {}; no listing sleeps for {} or more (wait for what \
                 the program needs, a message or a join, or sleep briefly)",
                shown(secs),
                shown(LIMIT.as_secs_f64()),
            )
        })
        .collect())
}

fn shown(secs: f64) -> String {
    if secs.is_infinite() || secs > 1e9 {
        "for ever".into()
    } else if secs < 1.0 {
        format!("{} ms", (secs * 1000.0).round())
    } else {
        format!("{secs} s")
    }
}

/// Every `const`, `static` and simple `let` of a file, by name.
#[derive(Default)]
struct Names<'ast>(BTreeMap<String, Vec<&'ast Expr>>);

impl<'ast> Visit<'ast> for Names<'ast> {
    fn visit_item_const(&mut self, item: &'ast syn::ItemConst) {
        let name = item.ident.to_string();
        self.0.entry(name).or_default().push(&item.expr);
        visit::visit_item_const(self, item);
    }

    fn visit_item_static(&mut self, item: &'ast syn::ItemStatic) {
        let name = item.ident.to_string();
        self.0.entry(name).or_default().push(&item.expr);
        visit::visit_item_static(self, item);
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        let mut pat = &local.pat;
        if let Pat::Type(typed) = pat {
            pat = &typed.pat;
        }
        if let (Pat::Ident(ident), Some(init)) = (pat, &local.init) {
            let name = ident.ident.to_string();
            self.0.entry(name).or_default().push(&init.expr);
        }
        visit::visit_local(self, local);
    }
}

struct Sleeps<'a> {
    names: &'a BTreeMap<String, Vec<&'a Expr>>,
    /// (line, seconds) of each long sleep.
    found: Vec<(usize, f64)>,
}

impl<'ast> Visit<'ast> for Sleeps<'_> {
    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if let Expr::Path(func) = &*call.func
            && let Some(last) = func.path.segments.last()
            && SLEEPS.contains(&last.ident.to_string().as_str())
            && call.args.len() == 1
        {
            let arg = &call.args[0];
            let secs = if last.ident == "sleep_ms" {
                number(arg, self.names, 0).map(|ms| ms / 1000.0)
            } else {
                seconds(arg, self.names, 0)
            };
            if let Some(secs) = secs.filter(|&s| s >= LIMIT.as_secs_f64()) {
                self.found.push((call.span().start().line, secs));
            }
        }
        visit::visit_expr_call(self, call);
    }
}

type Bindings<'a> = BTreeMap<String, Vec<&'a Expr>>;

/// Deep enough for a constant defined through another; no deeper, so a
/// name defined through itself ends.
const DEPTH: usize = 8;

/// What `expr` is, a `Duration` (in seconds) or a number.
#[derive(Clone, Copy)]
enum Value {
    Secs(f64),
    Number(f64),
}

fn seconds(expr: &Expr, names: &Bindings, depth: usize) -> Option<f64> {
    match value(expr, names, depth)? {
        Value::Secs(s) => Some(s),
        Value::Number(_) => None,
    }
}

fn number(expr: &Expr, names: &Bindings, depth: usize) -> Option<f64> {
    match value(expr, names, depth)? {
        Value::Number(n) => Some(n),
        Value::Secs(_) => None,
    }
}

fn value(expr: &Expr, names: &Bindings, depth: usize) -> Option<Value> {
    if depth > DEPTH {
        return None;
    }
    let deeper = depth + 1;
    match expr {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Int(i) => i.base10_parse::<f64>().ok().map(Value::Number),
            Lit::Float(f) => f.base10_parse::<f64>().ok().map(Value::Number),
            _ => None,
        },
        Expr::Paren(inner) => value(&inner.expr, names, deeper),
        Expr::Group(inner) => value(&inner.expr, names, deeper),
        Expr::Cast(cast) => value(&cast.expr, names, deeper),
        Expr::Reference(r) => value(&r.expr, names, deeper),
        Expr::Binary(bin) => {
            let (l, r) = (
                value(&bin.left, names, deeper)?,
                value(&bin.right, names, deeper)?,
            );
            use Value::{Number as N, Secs as S};
            match (&bin.op, l, r) {
                (BinOp::Add(_), N(a), N(b)) => Some(N(a + b)),
                (BinOp::Add(_), S(a), S(b)) => Some(S(a + b)),
                (BinOp::Sub(_), N(a), N(b)) => Some(N(a - b)),
                (BinOp::Sub(_), S(a), S(b)) => Some(S(a - b)),
                (BinOp::Mul(_), N(a), N(b)) => Some(N(a * b)),
                (BinOp::Mul(_), S(a), N(b)) | (BinOp::Mul(_), N(b), S(a)) => Some(S(a * b)),
                (BinOp::Div(_), N(a), N(b)) if b != 0.0 => Some(N(a / b)),
                (BinOp::Div(_), S(a), N(b)) if b != 0.0 => Some(S(a / b)),
                _ => None,
            }
        }
        Expr::Path(path) => {
            let segments: Vec<String> = path
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            match segments.as_slice() {
                [name] => names
                    .get(name)?
                    .iter()
                    .filter_map(|e| value(e, names, deeper))
                    .reduce(|a, b| match (a, b) {
                        (Value::Secs(a), Value::Secs(b)) => Value::Secs(a.max(b)),
                        (Value::Number(a), Value::Number(b)) => Value::Number(a.max(b)),
                        (a, _) => a,
                    }),
                [.., ty, constant] if ty == "Duration" => match constant.as_str() {
                    "MAX" => Some(Value::Secs(f64::INFINITY)),
                    "SECOND" => Some(Value::Secs(1.0)),
                    "MILLISECOND" => Some(Value::Secs(1e-3)),
                    "MICROSECOND" => Some(Value::Secs(1e-6)),
                    "NANOSECOND" => Some(Value::Secs(1e-9)),
                    "ZERO" => Some(Value::Secs(0.0)),
                    _ => None,
                },
                _ => None,
            }
        }
        Expr::Call(call) => {
            let Expr::Path(func) = &*call.func else {
                return None;
            };
            let segments: Vec<String> = func
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            let [.., ty, constructor] = segments.as_slice() else {
                return None;
            };
            if ty != "Duration" {
                return None;
            }
            let arg = |i: usize| number(call.args.iter().nth(i)?, names, deeper);
            let unit = match constructor.as_str() {
                "from_secs" | "from_secs_f32" | "from_secs_f64" => 1.0,
                "from_millis" => 1e-3,
                "from_micros" => 1e-6,
                "from_nanos" => 1e-9,
                "from_mins" => 60.0,
                "from_hours" => 3600.0,
                "new" => return Some(Value::Secs(arg(0)? + arg(1)? * 1e-9)),
                _ => return None,
            };
            Some(Value::Secs(arg(0)? * unit))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        long_sleeps_in(text).unwrap()
    }

    #[test]
    fn a_sleep_of_a_second_or_more_is_named_with_its_line() {
        let text = "use std::thread;\nuse std::time::Duration;\n\nfn main() {\n    \
                    thread::sleep(Duration::from_millis(1500));\n}\n";
        let found = found(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with(
                "5: `thread::sleep(Duration::from_millis(1500));` sleeps 1.5 s; no listing \
                 sleeps for 1 s or more"
            ),
            "{}",
            found[0]
        );
    }

    #[test]
    fn every_way_of_writing_the_wait_is_worked_out() {
        let long = [
            "fn f() { std::thread::sleep(std::time::Duration::from_secs(2)); }",
            "fn f() { tokio::time::sleep(Duration::from_secs_f64(1.0)).await; }",
            "fn f() { thread::park_timeout(Duration::new(1, 0)); }",
            "fn f() { thread::sleep_ms(1000); }",
            "fn f() { thread::sleep(Duration::MAX); }",
            "fn f() { thread::sleep(3 * Duration::from_millis(400)); }",
            "fn f() { thread::sleep(Duration::from_millis(2 * 500)); }",
            "const COOKING: Duration = Duration::from_secs(5);\nfn f() { thread::sleep(COOKING); }",
            "const MS: u64 = 250;\nconst NAP: Duration = Duration::from_millis(MS * 4);\n\
             fn f() { thread::sleep(NAP); }",
            "fn f() { let nap = Duration::from_secs(1); thread::sleep(nap); }",
            // A name bound twice counts at its longest.
            "fn f() { let d = Duration::from_millis(1); let d = Duration::from_secs(9); \
             thread::sleep(d); }",
        ];
        for text in long {
            assert_eq!(found(text).len(), 1, "not caught: {text}");
        }
        let short = [
            "fn f() { thread::sleep(Duration::from_millis(999)); }",
            "fn f() { thread::sleep(Duration::from_micros(100)); }",
            "const SHORT: Duration = Duration::from_millis(5);\nfn f() { sleep(SHORT); }",
            // A timeout is not a sleep: it ends when the message comes.
            "fn f() { rx.recv_timeout(Duration::from_secs(5)); }",
            // Known only at run time: left to the run-time report.
            "fn f(work: Duration) { thread::sleep(work); }",
        ];
        for text in short {
            assert_eq!(found(text), Vec::<String>::new(), "caught: {text}");
        }
    }

    #[test]
    fn a_file_that_does_not_parse_is_an_error() {
        assert!(long_sleeps_in("fn main( {").is_err());
    }
}
