//! Opens the built book in the system's Chromium, as a reader would, and checks
//! what the reader gets. For every page the summary lists, in a desktop and a
//! phone-size viewport, in the light theme and a dark one (chosen through the
//! theme menu):
//!
//! - no console error and no failed request (the server logs every request's
//!   status; Chromium's console reports the failures it sees, external ones too);
//! - every `<img>` has loaded (natural width > 0) and has alt text, with every
//!   `<details>` opened first, as a reader would;
//! - no element sticks out of the viewport, except inside a scrollable block
//!   (code blocks and tables scroll; the page itself clips, so anything else
//!   wider than the screen is cut off for the reader);
//! - every SVG diagram's text reaches WCAG AA (4.5:1) against the page, on
//!   both viewports. How: the diagram's own text (every shape removed) is
//!   drawn in place of the diagram, in the page, with the page's CSS, and
//!   screenshotted (the stand-in keeps the filter, opacity, background and
//!   size the page's CSS gave the real image); the background is the
//!   screenshot's most common colour and each text's ink is the pixel in its
//!   box that stands out most. A diagram wider than the phone's column
//!   scrolls sideways there, and is screenshotted in slices, each text whole
//!   in one. This measures what is painted (theme, CSS filters, the SVG's own
//!   fills and inheritance) but not the tinted boxes some labels sit on: the
//!   page background stands in for them. Antialiasing can only bring a text's
//!   pixels closer to the background, so the measure errs towards failing.
//!   Strokes and shapes (WCAG's 3:1 for graphics) are not measured;
//! - on the phone, every diagram label is painted at 11 CSS px or more (its
//!   font size times the scale the image is shown at).
//!
//! - on the desktop viewport in the light theme, the Run buttons: every Rust
//!   block with one shows a listing's program that the playground can run
//!   (by the book's preprocessor's verdict on the package, from its
//!   dependencies), every such program has one, and pressing it sends exactly
//!   that program, in its package's edition, and shows the answer. Every
//!   page's requests to the playground (the crate list, the programs) are
//!   sent to the test's own server instead, by a script added to each page
//!   before mdBook's: nothing leaves the machine. After every page, each
//!   runnable program must have run from some page. And the first page with
//!   a button, loaded as an offline browser would (`navigator.onLine` false),
//!   asks the playground nothing, logs no error and shows no button;
//!
//! The diagram checks are then shown to fail: on the first page with a
//! diagram, on the phone, a style injected into the page shrinks the diagrams
//! to the column (the label size check must fail) or fades them (the contrast
//! check must fail). So is the Run button check, on the first page with a
//! button: the code edited on its way to the playground, and a button
//! removed.
//!
//! Then: searching for a few API names shows results, each on a chapter that
//! mentions the name (the chapter that mentions it most among them), and
//! `print.html` holds every chapter's title. Screenshots of each page's first
//! screen go to `target/screenshots/`.
//!
//! Arguments: page names to check (a substring of the HTML file name), for a
//! quick run; none checks every page. A run limited to some pages leaves out
//! the search, whose results span the whole book. `--book DIR` checks another
//! book (`cargo xtask broken-book` checks a fixture book with it), without the
//! search, which is about this book's words. Needs `chromium` and
//! `chromedriver` on PATH (`cargo xtask browser` installs them); CHROMIUM and
//! CHROMEDRIVER override.

use browser::{Image, Page, Rect, Server, contrast, hex, summary_pages};
use fantoccini::actions::{InputSource, MouseActions, PointerAction};
use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Viewport {
    name: &'static str,
    width: u32,
    height: u32,
    mobile: bool,
}

const VIEWPORTS: [Viewport; 2] = [
    Viewport {
        name: "desktop",
        width: 1280,
        height: 800,
        mobile: false,
    },
    Viewport {
        name: "phone",
        width: 390,
        height: 844,
        mobile: true,
    },
];

/// The light theme and mdBook's default dark theme (the one a reader whose
/// system prefers dark gets).
const THEMES: [&str; 2] = ["light", "navy"];

/// WCAG 2 AA for normal text.
const MIN_TEXT_CONTRAST: f64 = 4.5;

/// The smallest a diagram's label may be painted on the phone, in CSS px
/// (its font size times the scale the image is shown at).
const MIN_LABEL_PX: f64 = 11.0;

const SEARCH_TERMS: [&str; 3] = ["recv_timeout", "sync_channel", "SendError"];

/// Added to every page before its own scripts run: the page's requests to
/// the playground (mdBook's page script names play.rust-lang.org) go to the test's server instead (same origin, under
/// `/__playground/`), so nothing leaves the machine and the test sees them.
const PLAYGROUND_STAND_IN: &str = r#"
(() => {
    const remote = 'https://play.rust-lang.org/';
    const real = window.fetch.bind(window);
    window.fetch = (url, options) => {
        const u = String(url instanceof Request ? url.url : url);
        return real(u.startsWith(remote) ? '/__playground/' + u.slice(remote.length) : url, options);
    };
})();
"#;

/// The stand-in playground's answer to a program: what the Run button must
/// then show under the code.
fn playground_answer(code: &str) -> String {
    format!(
        "(the browser test's stand-in playground got {} lines)",
        code.lines().count()
    )
}

/// Every Rust block of the page: its code as the Run button sends it (hidden
/// lines included), and whether it has a Run button a reader can see.
const RUST_BLOCKS: &str = r#"
return [...document.querySelectorAll('main pre > code.language-rust')].map((code, i) => {
    const pre = code.parentElement;
    if (!pre.id) pre.id = 'browser-test-block-' + i;
    const button = pre.querySelector('.play-button');
    // mdBook never shows the button of a `no_run` block.
    return { id: pre.id, text: code.textContent, quiz: code.classList.contains('quiz'),
             playground: pre.classList.contains('playground') && !code.classList.contains('no_run'),
             button: !!button && !button.hidden && !button.classList.contains('hidden')
                     && button.getClientRects().length > 0 };
});
"#;

/// The whole run must end well within this (a warm run takes well under a
/// minute); a hung browser ends the test with a clear message.
const WATCHDOG: Duration = Duration::from_secs(300);

/// Builds the HTML book and returns its directory: the one place that says how
/// the book is built.
fn build_book(root: &Path, dest: &Path) -> Result<PathBuf, String> {
    // mdBook's library with the book's directives, as `cargo xtask book` builds it (book-model).
    let dest = dest.to_path_buf();
    let warnings = book_model::render_html(root, &dest).map_err(|e| format!("{e:#}"))?;
    if !warnings.is_empty() {
        return Err(format!(
            "mdBook warned while building the book:\n{}",
            warnings.join("\n")
        ));
    }
    Ok(dest)
}

/// Every failed check, each naming the page, viewport, theme and element.
#[derive(Default)]
struct Report {
    passed: usize,
    failures: Vec<String>,
}

impl Report {
    fn check(&mut self, context: &str, what: &str, problems: Vec<String>) {
        if problems.is_empty() {
            self.passed += 1;
        } else {
            // The same problem twice on one page (mdBook keeps a hidden copy
            // of each image for its zoom view) is reported once, counted.
            let mut counted: Vec<(String, usize)> = Vec::new();
            for p in problems {
                match counted.iter_mut().find(|(q, _)| *q == p) {
                    Some((_, n)) => *n += 1,
                    None => counted.push((p, 1)),
                }
            }
            for (p, n) in counted {
                let p = if n > 1 { format!("{p} (x{n})") } else { p };
                let line = format!("FAIL {context}: {what}: {p}");
                println!("{line}");
                self.failures.push(line);
            }
        }
    }
}

/// The chromedriver process; dropping it ends it and the browsers it started.
struct Driver {
    child: Child,
}

impl Driver {
    /// Ends `pid` and every process below it, each by its own (positive) pid:
    /// the children are listed first, before they lose their parent.
    fn kill_tree(pid: u32) {
        let mut pids = vec![pid];
        let mut i = 0;
        while i < pids.len() {
            pids.extend(children(pids[i]));
            i += 1;
        }
        let pids: Vec<String> = pids
            .iter()
            .filter(|&&p| p > 1)
            .map(u32::to_string)
            .collect();
        let _ = Command::new("kill")
            .args(["-s", "KILL", "--"])
            .args(&pids)
            .stderr(Stdio::null())
            .status();
    }
}

/// The pids whose parent is `pid`, from /proc.
fn children(pid: u32) -> Vec<u32> {
    let Ok(entries) = fs::read_dir("/proc") else {
        return vec![];
    };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&p| {
            // /proc/P/stat: "P (name) S PPID ..."; the name may hold spaces.
            fs::read_to_string(format!("/proc/{p}/stat"))
                .ok()
                .and_then(|s| s.rsplit_once(')').map(|(_, rest)| rest.to_string()))
                .and_then(|rest| rest.split_whitespace().nth(1)?.parse::<u32>().ok())
                == Some(pid)
        })
        .collect()
}

impl Drop for Driver {
    fn drop(&mut self) {
        Self::kill_tree(self.child.id());
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("cannot find a free port")
}

fn tool(env: &str, name: &str) -> Result<String, String> {
    if let Ok(path) = std::env::var(env) {
        return Ok(path);
    }
    let found = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|d| d.join(name))
        .find(|p| p.is_file());
    found.map(|p| p.display().to_string()).ok_or_else(|| {
        format!(
            "`{name}` is not on PATH: run `cargo xtask browser`, which installs Debian's \
                 chromium and chromium-driver (or set {env})"
        )
    })
}

fn start_driver() -> Result<(Driver, u16), String> {
    let chromedriver = tool("CHROMEDRIVER", "chromedriver")?;
    let port = free_port();
    let mut command = Command::new(&chromedriver);
    command
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let child = command
        .spawn()
        .map_err(|e| format!("cannot start {chromedriver}: {e}"))?;
    let driver = Driver { child };
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if start.elapsed() > Duration::from_secs(20) {
            return Err(format!(
                "{chromedriver} did not listen on port {port} in 20 s"
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok((driver, port))
}

async fn connect(port: u16, profile: &Path) -> Result<Client, String> {
    let chromium = tool("CHROMIUM", "chromium")?;
    let mut caps = Capabilities::new();
    caps.insert("browserName".into(), json!("chrome"));
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--window-size=1280,800",
                format!("--user-data-dir={}", profile.display()),
            ],
        }),
    );
    caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
    caps.insert(
        "timeouts".into(),
        json!({ "pageLoad": 30000, "script": 30000, "implicit": 0 }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .map_err(|e| format!("cannot open a Chromium session through chromedriver: {e}"))
}

/// A chromedriver command fantoccini does not wrap: POST `path` (after the
/// session) with `body`.
#[derive(Debug)]
struct Post {
    path: &'static str,
    body: Value,
}

impl WebDriverCompatibleCommand for Post {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or(""),
            self.path
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

/// Sends every page's requests to the playground to `server`, which answers
/// them: the crate list with the playground's list (the copy the book's
/// preprocessor decides the Run buttons with), a program with
/// [`playground_answer`].
async fn answer_playground_locally(client: &Client, server: &Server) -> Result<(), String> {
    let crates: Vec<Value> = book_model::playground::offered()
        .into_iter()
        .flat_map(|(name, versions)| {
            versions.into_iter().map(move |v| {
                json!({ "name": name, "version": v.to_string(), "id": name.replace('-', "_") })
            })
        })
        .collect();
    let crates = json!({ "crates": crates }).to_string();
    server.answer_posts(move |path, body| match path {
        "/__playground/meta/crates" => Some(crates.clone()),
        "/__playground/evaluate.json" => {
            let asked: Value = serde_json::from_str(body).ok()?;
            let code = asked["code"].as_str()?;
            Some(json!({ "result": playground_answer(code), "error": null }).to_string())
        }
        _ => None,
    });
    client
        .issue_cmd(Post {
            path: "goog/cdp/execute",
            body: json!({
                "cmd": "Page.addScriptToEvaluateOnNewDocument",
                "params": { "source": PLAYGROUND_STAND_IN },
            }),
        })
        .await
        .map(|_| ())
        .map_err(|e| format!("cannot send the playground's requests to the test's server: {e}"))
}

/// Each listing program the playground can run (by the book's preprocessor's
/// verdict on its package), keyed by the code its Run button must send: the
/// program's file without mdBook's anchor lines and final newline.
fn runnable_programs(root: &Path) -> Result<HashMap<String, Program>, String> {
    let verdicts = book_model::playground::verdicts(root).map_err(|e| format!("{e:#}"))?;
    let metadata = support::metadata();
    let mut programs = HashMap::new();
    for (name, package) in support::packages_of(support::Kind::Listing) {
        if !verdicts.get(&name).is_some_and(|v| v.is_ok()) {
            continue;
        }
        let main = package.dir.join("src/main.rs");
        let Ok(source) = fs::read_to_string(&main) else {
            continue;
        };
        let code: String = source
            .split_inclusive('\n')
            .filter(|l| !l.contains("ANCHOR:") && !l.contains("ANCHOR_END:"))
            .collect();
        // A block ends with the file's last line, without its newline.
        let code = code.trim_end_matches('\n').to_string();
        let edition = metadata
            .packages
            .iter()
            .find(|p| p.name.as_str() == name)
            .map(|p| p.edition.as_str().to_string())
            .unwrap_or_default();
        programs.insert(
            code,
            Program {
                package: name,
                edition,
            },
        );
    }
    if programs.is_empty() {
        return Err(
            "no listing is runnable on the playground: the Run button check would check nothing"
                .into(),
        );
    }
    Ok(programs)
}

/// Sizes the page as the viewport (with `mobile`, the page is laid out as on a
/// phone: the viewport meta tag applies, scrollbars overlay).
async fn emulate(client: &Client, v: &Viewport) -> Result<(), String> {
    client
        .issue_cmd(Post {
            path: "goog/cdp/execute",
            body: json!({
                "cmd": "Emulation.setDeviceMetricsOverride",
                "params": {
                    "width": v.width, "height": v.height,
                    "deviceScaleFactor": 1, "mobile": v.mobile,
                },
            }),
        })
        .await
        .map(|_| ())
        .map_err(|e| format!("cannot set the {} viewport: {e}", v.name))
}

/// The console messages since the last call that are errors.
async fn console_errors(client: &Client) -> Result<Vec<String>, String> {
    let log = client
        .issue_cmd(Post {
            path: "se/log",
            body: json!({ "type": "browser" }),
        })
        .await
        .map_err(|e| format!("cannot read the browser's console: {e}"))?;
    Ok(log
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["level"] == "SEVERE")
        .map(|e| e["message"].as_str().unwrap_or("?").to_string())
        .collect())
}

async fn js(client: &Client, script: &str, args: Vec<Value>) -> Result<Value, String> {
    client
        .execute(script, args)
        .await
        .map_err(|e| format!("script failed: {e}"))
}

async fn js_async(client: &Client, script: &str, args: Vec<Value>) -> Result<Value, String> {
    client
        .execute_async(script, args)
        .await
        .map_err(|e| format!("script failed: {e}"))
}

/// Chooses a theme the way a reader does: the theme button, then the theme's
/// entry in its menu. mdBook remembers the choice for every page.
async fn choose_theme(
    client: &Client,
    server: &Server,
    first: &Page,
    theme: &str,
) -> Result<(), String> {
    client
        .goto(&server.url(&first.html))
        .await
        .map_err(|e| format!("cannot open {}: {e}", first.html))?;
    let click = async |id: &str| -> Result<(), String> {
        client
            .find(Locator::Id(id))
            .await
            .map_err(|e| format!("no #{id} on {}: {e}", first.html))?
            .click()
            .await
            .map_err(|e| format!("cannot click #{id} on {}: {e}", first.html))
    };
    click("mdbook-theme-toggle").await?;
    click(&format!("mdbook-theme-{theme}")).await?;
    let now = js(client, "return document.documentElement.className;", vec![]).await?;
    if !now.as_str().unwrap_or("").split(' ').any(|c| c == theme) {
        return Err(format!(
            "choosing {theme} in the theme menu left the page with classes {now}"
        ));
    }
    Ok(())
}

/// Opens every `<details>`, then waits (at most 10 s) for every image to load
/// or fail.
const OPEN_AND_WAIT: &str = r#"
const done = arguments[arguments.length - 1];
document.querySelectorAll('details').forEach(d => d.open = true);
const pending = [...document.images].filter(i => !i.complete).map(i => new Promise(r => {
    i.addEventListener('load', r); i.addEventListener('error', r);
}));
Promise.race([Promise.all(pending), new Promise(r => setTimeout(r, 10000))]).then(() => done(null));
"#;

/// The SVG diagrams a reader sees in the chapter (mdBook also keeps a hidden
/// copy of each image for its zoom view).
macro_rules! diagrams_js {
    () => {
        r#"
const diagrams = () => [...document.querySelectorAll('main img')].filter(i =>
    new URL(i.dataset.originalSrc || i.getAttribute('src'), location.href).pathname.endsWith('.svg')
    && i.getBoundingClientRect().width > 0 && i.naturalWidth > 0);
// What shows the diagram: the block around it that scrolls sideways (a
// diagram wider than a phone's column), else the image itself.
const frameOf = img => {
    const main = document.querySelector('main');
    for (let a = img.parentElement; a && a !== main; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        if (o === 'auto' || o === 'scroll') return a;
    }
    return img;
};
// Puts a diagram back as the page had it, after its text was measured.
const restore = img => {
    if (img.dataset.originalSrc === undefined) return Promise.resolve();
    img.src = img.dataset.originalSrc;
    img.setAttribute('style', img.dataset.originalStyle);
    if (!img.getAttribute('style')) img.removeAttribute('style');
    if (img.dataset.testId) img.removeAttribute('id');
    const frame = frameOf(img);
    if (frame !== img) {
        frame.scrollLeft = 0;
        if (frame.dataset.testId) { frame.removeAttribute('id'); delete frame.dataset.testId; }
    }
    for (const k of ['originalSrc', 'originalStyle', 'testId']) delete img.dataset[k];
    return img.decode().catch(() => {});
};
"#
    };
}

/// Images, the page's title, and what sticks out of the viewport.
const INSPECT: &str = concat!(
    diagrams_js!(),
    r#"
const describe = el => {
    let d = el.tagName.toLowerCase();
    if (el.id) d += '#' + el.id;
    if (el.getAttribute('src')) d += '[src="' + el.getAttribute('src') + '"]';
    if (typeof el.className === 'string' && el.className.trim())
        d += '.' + el.className.trim().split(/\s+/).join('.');
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50);
    if (text) d += ' "' + text + '"';
    let h = el, heading = null;
    while (h && !heading) {
        let s = h.previousElementSibling;
        while (s && !heading) { if (/^H[1-6]$/.test(s.tagName)) heading = s; s = s.previousElementSibling; }
        h = h.parentElement;
    }
    if (heading) d += ' (under "' + heading.textContent.trim().slice(0, 60) + '")';
    return d;
};
const images = [...document.images].map(i => ({
    src: i.getAttribute('src'), alt: i.getAttribute('alt'), width: i.naturalWidth,
    what: describe(i),
}));
const vw = document.documentElement.clientWidth;
const out = r => r.width > 0 && r.height > 0 && (r.right > vw + 0.5 || r.left < -0.5);
// A block inside the chapter that scrolls sideways (a code block, a table's
// wrapper). The page's own containers scroll too (mdBook's .content), but a
// reader should not have to pan the whole chapter.
const main = document.querySelector('main');
const scrolls = el => {
    for (let a = el.parentElement; a && a !== main && main && main.contains(a); a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        if (o === 'auto' || o === 'scroll') return true;
    }
    return false;
};
const hidden = el => {
    for (let a = el; a; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.visibility === 'hidden' || s.display === 'none' || s.opacity === '0') return true;
    }
    return false;
};
const overflow = [];
for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (!out(r) || scrolls(el) || hidden(el)) continue;
    const parent = el.parentElement;
    if (parent && parent !== document.body && out(parent.getBoundingClientRect())) continue;
    overflow.push(describe(el) + ' spans ' + Math.round(r.left) + '..' + Math.round(r.right)
        + ' px of ' + vw);
}
const h1 = document.querySelector('main h1');
return {
    images, overflow, title: h1 ? h1.textContent.trim() : null,
    classes: document.documentElement.className,
    diagrams: diagrams().length,
};
"#
);

/// Puts the text of diagram number `arguments[0]` (shapes removed) in its
/// place and returns each text's box, in the image's CSS pixels.
const TEXT_ONLY: &str = concat!(
    diagrams_js!(),
    r#"
const [index, done] = arguments;
const img = diagrams()[index];
(async () => {
    const src = img.getAttribute('src');
    const response = await fetch(img.src);
    if (!response.ok) throw new Error(src + ' answered ' + response.status);
    const svg = new DOMParser()
        .parseFromString(await response.text(), 'image/svg+xml').documentElement;
    for (const el of [...svg.querySelectorAll('*')])
        if (!['text', 'tspan', 'textPath', 'title', 'desc', 'g', 'svg', 'style', 'a'].includes(el.localName)
            && !el.closest('text'))
            el.remove();
    // A WebDriver element screenshot holds only what is on screen.
    img.scrollIntoView({ block: 'center' });
    const s = getComputedStyle(img);
    const px = v => parseFloat(v) || 0;
    const r = img.getBoundingClientRect();
    const left = px(s.borderLeftWidth) + px(s.paddingLeft), top = px(s.borderTopWidth) + px(s.paddingTop);
    const width = r.width - left - px(s.borderRightWidth) - px(s.paddingRight);
    const height = r.height - top - px(s.borderBottomWidth) - px(s.paddingBottom);
    const holder = document.createElement('div');
    holder.style.cssText = 'position:absolute;left:-30000px;top:0;';
    const copy = document.importNode(svg, true);
    copy.setAttribute('width', width);
    copy.setAttribute('height', height);
    holder.appendChild(copy);
    document.body.appendChild(holder);
    const box = copy.getBoundingClientRect();
    // The drawing's user units -> CSS px, as the image is shown (the viewBox
    // is fitted into the box, keeping its aspect ratio).
    const vb = copy.viewBox && copy.viewBox.baseVal;
    const scale = vb && vb.width && vb.height ? Math.min(width / vb.width, height / vb.height) : 1;
    const texts = [...copy.querySelectorAll('text')].map(t => {
        const b = t.getBoundingClientRect();
        return { label: t.textContent.trim().replace(/\s+/g, ' '),
                 size: parseFloat(getComputedStyle(t).fontSize) * scale,
                 x: b.left - box.left + left, y: b.top - box.top + top, w: b.width, h: b.height };
    });
    holder.remove();
    img.dataset.originalSrc = src;
    img.dataset.originalStyle = img.getAttribute('style') ?? '';
    if (!img.id) {
        img.id = 'browser-test-diagram-' + index;
        img.dataset.testId = '1';
    }
    // The page's CSS may style the image by its address ([src$=".svg"]):
    // keep what it computed for the real diagram on the stand-in, its size
    // too (in px, so no max-width rule applies twice).
    const keep = ['filter', 'opacity', 'background-color', 'mix-blend-mode', 'width', 'height'];
    const styles = keep.map(k => [k, s.getPropertyValue(k)]);
    img.src = 'data:image/svg+xml,' + encodeURIComponent(new XMLSerializer().serializeToString(svg));
    for (const [k, v] of styles) img.style.setProperty(k, v);
    for (const k of ['max-width', 'max-height']) img.style.setProperty(k, 'none');
    await img.decode();
    const frame = frameOf(img);
    if (frame !== img && !frame.id) {
        frame.id = 'browser-test-frame-' + index;
        frame.dataset.testId = '1';
    }
    done({ src, id: img.id, frame: frame.id, texts, width: r.width, height: r.height });
})().catch(e => restore(img).then(() => done({ error: String(e) })));
"#
);

/// Scrolls diagram `arguments[0]`'s frame `arguments[1]` so that the
/// image's x `arguments[2]` (CSS px) is at the frame's left edge (a frame that
/// does not scroll stays put), centres it vertically, and returns where the
/// image's content box then is in the frame's box, and which part of the
/// frame shows content (between `left` and `right`).
const SLICE: &str = concat!(
    diagrams_js!(),
    r#"
const [id, frameId, x] = arguments;
const img = document.getElementById(id), frame = document.getElementById(frameId);
frame.scrollIntoView({ block: 'center', inline: 'nearest' });
const s = getComputedStyle(img);
const px = v => parseFloat(v) || 0;
const content = () => img.getBoundingClientRect().left + px(s.borderLeftWidth) + px(s.paddingLeft);
if (frame !== img) {
    const inner = frame.getBoundingClientRect().left + frame.clientLeft;
    frame.scrollLeft += content() + x - 2 - inner;
}
const f = frame.getBoundingClientRect(), r = img.getBoundingClientRect();
return {
    dx: content() - f.left,
    dy: r.top + px(s.borderTopWidth) + px(s.paddingTop) - f.top,
    width: f.width, height: f.height,
    left: frame === img ? 0 : frame.clientLeft,
    right: frame === img ? f.width : frame.clientLeft + frame.clientWidth,
};
"#
);

const RESTORE: &str = concat!(
    diagrams_js!(),
    r#"
const [id, done] = arguments;
restore(document.getElementById(id)).then(() => done(null));
"#
);

struct Run<'a> {
    client: &'a Client,
    server: &'a Server,
    shots: PathBuf,
    report: Report,
    titles: HashMap<String, String>,
    /// The first page seen with a diagram, for the deliberate breakages.
    diagram_page: Option<String>,
    /// Each listing program the playground can run, by the code its Run
    /// button must send.
    programs: HashMap<String, Program>,
    /// The packages whose program was seen with a working Run button.
    ran: std::collections::BTreeSet<String>,
    /// The first page seen with a Run button, for the deliberate breakages.
    button_page: Option<String>,
}

/// A listing's program the playground can run.
#[derive(Clone, Debug)]
struct Program {
    package: String,
    /// The edition the Run button must ask for: the package's own.
    edition: String,
}

impl Run<'_> {
    /// No console errors on the page, and every request it made was answered.
    async fn console_and_requests(&mut self, client: &Client, context: &str) -> Result<(), String> {
        self.report
            .check(context, "console", console_errors(client).await?);
        let failed = self
            .server
            .take_log()
            .into_iter()
            .filter(|s| s.status >= 400)
            .map(|s| format!("GET {} answered {}", s.path, s.status))
            .collect();
        self.report.check(context, "requests", failed);
        Ok(())
    }

    async fn page(&mut self, page: &Page, v: &Viewport, theme: &str) -> Result<(), String> {
        let context = format!(
            "{} [{} {}x{}, theme {theme}]",
            page.html, v.name, v.width, v.height
        );
        let client = self.client;
        client
            .goto(&self.server.url(&page.html))
            .await
            .map_err(|e| format!("{context}: cannot open the page: {e}"))?;
        js_async(client, OPEN_AND_WAIT, vec![]).await?;
        let info = js(client, INSPECT, vec![]).await?;

        let classes = info["classes"].as_str().unwrap_or("");
        let wrong_theme = if classes.split(' ').any(|c| c == theme) {
            vec![]
        } else {
            vec![format!(
                "the page has classes \"{classes}\", not the chosen theme"
            )]
        };
        self.report.check(&context, "theme", wrong_theme);

        let mut images = Vec::new();
        for img in info["images"].as_array().into_iter().flatten() {
            let what = img["what"].as_str().unwrap_or("img");
            if img["width"].as_u64().unwrap_or(0) == 0 {
                images.push(format!("{what} has not loaded (natural width 0)"));
            }
            if img["alt"].as_str().is_none_or(|a| a.trim().is_empty()) {
                images.push(format!("{what} has no alt text"));
            }
        }
        self.report.check(&context, "images", images);

        let overflow = info["overflow"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|o| {
                format!(
                    "{} (wider than the viewport, and not in a scrollable block)",
                    o.as_str().unwrap_or("?")
                )
            })
            .collect();
        self.report.check(&context, "fits the viewport", overflow);

        match info["title"].as_str() {
            Some(title) => {
                self.titles.insert(page.html.clone(), title.to_string());
            }
            None => self
                .report
                .check(&context, "title", vec!["the page has no <h1>".into()]),
        }

        js(client, "window.scrollTo(0, 0);", vec![]).await?;
        let shot = client
            .screenshot()
            .await
            .map_err(|e| format!("{context}: cannot take a screenshot: {e}"))?;
        let stem = page.html.trim_end_matches(".html");
        let file = self.shots.join(format!("{stem}-{}-{theme}.png", v.name));
        fs::write(&file, shot).map_err(|e| format!("cannot write {}: {e}", file.display()))?;

        let diagrams = info["diagrams"].as_u64().unwrap_or(0);
        if diagrams > 0 && self.diagram_page.is_none() {
            self.diagram_page = Some(page.html.clone());
        }
        for index in 0..diagrams {
            let (contrast, sizes) = self.diagram(index, theme, v).await?;
            self.report
                .check(&context, "diagram text contrast", contrast);
            if v.mobile {
                self.report.check(&context, "diagram label size", sizes);
            }
        }

        if !v.mobile && theme == "light" {
            let problems = self.run_buttons(page, None).await?;
            self.report.check(&context, "run buttons", problems);
        }

        // Whatever the page asked for has been answered by now: the checks
        // above waited for every image, and fonts and scripts load first.
        self.console_and_requests(client, &context).await
    }

    /// Checks the page's Run buttons: every block with one shows a program
    /// the playground can run, every such program has one, and pressing it
    /// sends exactly that program (in its package's edition) and shows the
    /// answer. `breakage`, a script, runs first (the deliberate breakages).
    async fn run_buttons(
        &mut self,
        page: &Page,
        breakage: Option<&str>,
    ) -> Result<Vec<String>, String> {
        let client = self.client;
        // The buttons appear once the page has the playground's crate list.
        let start = Instant::now();
        loop {
            let blocks = js(client, RUST_BLOCKS, vec![]).await?;
            let waiting = blocks
                .as_array()
                .into_iter()
                .flatten()
                .any(|b| b["playground"] == true && b["button"] != true);
            if !waiting || start.elapsed() > Duration::from_secs(10) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        if let Some(script) = breakage {
            js(client, script, vec![]).await?;
        }
        let blocks = js(client, RUST_BLOCKS, vec![]).await?;
        let blocks = blocks.as_array().cloned().unwrap_or_default();
        let mut problems = Vec::new();
        // A program shown in parts has a button on each part, and each sends
        // the whole program: one press per program and page is enough.
        let mut pressed = std::collections::BTreeSet::new();
        for block in &blocks {
            let text = block["text"].as_str().unwrap_or("");
            let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            let program = self.programs.get(text).cloned();
            let id = block["id"].as_str().unwrap_or("");
            // A quiz's program (a listing's, for a question about it as it
            // is) asks the reader to predict what it does: no button.
            if block["quiz"] == true {
                if block["button"] == true {
                    problems.push(format!(
                        "a quiz's program has a Run button, which would answer the question (`{first}`)"
                    ));
                }
                continue;
            }
            match (block["button"] == true, program) {
                (false, None) => {}
                (false, Some(p)) => problems.push(format!(
                    "{}'s program has no Run button, though the playground can run it",
                    p.package
                )),
                (true, None) => problems.push(format!(
                    "a Run button on code that is no runnable listing's program (`{first}`)"
                )),
                (true, Some(p)) => {
                    if self.button_page.is_none() {
                        self.button_page = Some(page.html.clone());
                    }
                    if !pressed.insert(p.package.clone()) {
                        continue;
                    }
                    match self.press(id, text, &p).await? {
                        Ok(()) => {
                            self.ran.insert(p.package.clone());
                        }
                        Err(e) => problems.push(format!("{}'s Run button: {e}", p.package)),
                    }
                }
            }
        }
        Ok(problems)
    }

    /// Presses the Run button of block `id`, whose code is `text`: `Err`
    /// says what went wrong.
    async fn press(
        &mut self,
        id: &str,
        text: &str,
        program: &Program,
    ) -> Result<Result<(), String>, String> {
        let client = self.client;
        self.server.take_posts();
        let pre = client
            .find(Locator::Id(id))
            .await
            .map_err(|e| format!("cannot find block {id}: {e}"))?;
        let button = pre
            .find(Locator::Css(".play-button"))
            .await
            .map_err(|e| format!("no Run button in block {id}: {e}"))?;
        // mdBook shows a block's buttons while the pointer is over it, as a
        // reader's would be.
        js(
            client,
            // Its top, where the buttons are, a third of the way down: clear
            // of the menu bar, however tall the block.
            "const r = document.getElementById(arguments[0]).getBoundingClientRect(); \
             window.scrollTo(0, window.scrollY + r.top - window.innerHeight / 3);",
            vec![json!(id)],
        )
        .await?;
        // From the viewport's corner, so that the pointer really moves (a
        // pointer already where the button now is would not hover it anew).
        let hover = MouseActions::new("mouse".into())
            .then(PointerAction::MoveTo {
                duration: None,
                x: 0.0,
                y: 0.0,
            })
            .then(PointerAction::MoveToElement {
                element: button.clone(),
                duration: None,
                x: 0.0,
                y: 0.0,
            });
        client
            .perform_actions(hover)
            .await
            .map_err(|e| format!("cannot move the pointer over block {id}: {e}"))?;
        // The buttons fade in.
        let start = Instant::now();
        let mut visible = false;
        while start.elapsed() < Duration::from_secs(5) {
            let shown = js(
                client,
                "const b = document.getElementById(arguments[0]).querySelector('.play-button'); \
                 const s = getComputedStyle(b.parentElement); \
                 return s.visibility === 'visible' && s.opacity === '1';",
                vec![json!(id)],
            )
            .await?;
            if shown == true {
                visible = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        if !visible {
            return Ok(Err(
                "its buttons did not show within 5 s of the pointer moving over it".into(),
            ));
        }
        if let Err(e) = button.click().await {
            return Ok(Err(format!("it cannot be pressed: {e}")));
        }
        let answer = playground_answer(text);
        let start = Instant::now();
        let mut shown = String::new();
        while start.elapsed() < Duration::from_secs(10) {
            shown = js(
                client,
                "const r = document.getElementById(arguments[0]).querySelector('.result'); \
                 return r ? r.innerText : '';",
                vec![json!(id)],
            )
            .await?
            .as_str()
            .unwrap_or("")
            .to_string();
            if shown.trim() == answer {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let runs: Vec<_> = self
            .server
            .take_posts()
            .into_iter()
            .filter(|p| p.path == "/__playground/evaluate.json")
            .collect();
        let [run] = runs.as_slice() else {
            return Ok(Err(format!(
                "pressing it sent {} requests to the playground, not one",
                runs.len()
            )));
        };
        let sent: Value = serde_json::from_str(&run.body)
            .map_err(|e| format!("the Run button sent something that is not JSON ({e})"))?;
        let code = sent["code"].as_str().unwrap_or("");
        if code != text {
            let at = code
                .lines()
                .zip(text.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(code.lines().count().min(text.lines().count()));
            return Ok(Err(format!(
                "it sent other code than the listing's: from line {}, `{}` instead of `{}`",
                at + 1,
                code.lines().nth(at).unwrap_or("(the end)"),
                text.lines().nth(at).unwrap_or("(the end)")
            )));
        }
        if sent["edition"] != program.edition.as_str() {
            return Ok(Err(format!(
                "it asked for edition {}, not the package's {}",
                sent["edition"], program.edition
            )));
        }
        if shown.trim() != answer {
            return Ok(Err(format!(
                "it showed {shown:?} under the code, not the playground's answer {answer:?}"
            )));
        }
        Ok(Ok(()))
    }

    /// The contrast of every text of one diagram, as painted, and (on a
    /// phone) the size its labels are painted at: `(contrast, size)` problems.
    async fn diagram(
        &mut self,
        index: u64,
        theme: &str,
        v: &Viewport,
    ) -> Result<(Vec<String>, Vec<String>), String> {
        let client = self.client;
        let info = js_async(client, TEXT_ONLY, vec![json!(index)]).await?;
        if let Some(e) = info["error"].as_str() {
            return Ok((
                vec![format!("diagram {index}: cannot read its text: {e}")],
                vec![],
            ));
        }
        let src = info["src"].as_str().unwrap_or("?").to_string();
        let id = info["id"].as_str().unwrap_or("").to_string();
        let frame = info["frame"].as_str().unwrap_or("").to_string();
        let texts: Vec<&Value> = info["texts"].as_array().into_iter().flatten().collect();
        let n = |t: &Value, k: &str| t[k].as_f64().unwrap_or(0.0);
        let stem = src.trim_start_matches("img/").trim_end_matches(".svg");

        let mut sizes = Vec::new();
        if v.mobile {
            for t in &texts {
                let size = n(t, "size");
                if size < MIN_LABEL_PX {
                    sizes.push(format!(
                        "{src}: text \"{}\" is painted at {size:.1} CSS px, below {MIN_LABEL_PX}",
                        t["label"].as_str().unwrap_or("?")
                    ));
                }
            }
        }

        // A diagram wider than its frame (a phone's column) is measured in
        // slices: the frame is scrolled to the first text not yet measured,
        // and every text it then shows whole is measured from one screenshot.
        let mut contrast_problems = Vec::new();
        let mut pending: Vec<usize> = (0..texts.len()).collect();
        let mut slice = 0;
        while let Some(&first) = pending.first() {
            let at = js(
                client,
                SLICE,
                vec![json!(id), json!(frame), json!(n(texts[first], "x"))],
            )
            .await?;
            let shot = client
                .find(Locator::Id(&frame))
                .await
                .map_err(|e| format!("{src}: cannot find the diagram again: {e}"))?
                .screenshot()
                .await
                .map_err(|e| format!("{src}: cannot screenshot the diagram: {e}"))?;
            let file = self
                .shots
                .join(format!("text-of-{stem}-{}-{theme}-{slice}.png", v.name));
            fs::write(&file, &shot).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
            slice += 1;
            let image = Image::decode_png(&shot).map_err(|e| format!("{src}: screenshot: {e}"))?;
            let (width, height) = (n(&at, "width"), n(&at, "height"));
            if (image.width as f64) < width.floor() || (image.height as f64) < height.floor() {
                contrast_problems.push(format!(
                    "{src}: only {}x{} of its {width}x{height} px could be captured (taller than the screen?)",
                    image.width, image.height
                ));
                break;
            }
            let background = image.most_common();
            let sx = image.width as f64 / width.max(1.0);
            let sy = image.height as f64 / height.max(1.0);
            let (dx, dy) = (n(&at, "dx"), n(&at, "dy"));
            let (left, right) = (n(&at, "left"), n(&at, "right"));
            let shown = |t: &Value| {
                let x = dx + n(t, "x");
                x >= left - 0.5 && x + n(t, "w") <= right + 0.5
            };
            // The first text is measured even if wider than the frame (what
            // shows of it), so that every round makes progress.
            let (now, later): (Vec<usize>, Vec<usize>) = pending
                .iter()
                .partition(|&&i| i == first || shown(texts[i]));
            pending = later;
            for i in now {
                let t = texts[i];
                let label = t["label"].as_str().unwrap_or("?");
                let x0 = (dx + n(t, "x")).max(left);
                let x1 = (dx + n(t, "x") + n(t, "w")).min(right);
                let rect = Rect {
                    x: x0 * sx,
                    y: (dy + n(t, "y")) * sy,
                    w: (x1 - x0).max(0.0) * sx,
                    h: n(t, "h") * sy,
                };
                match image.ink(background, rect) {
                    None => contrast_problems
                        .push(format!("{src}: text \"{label}\" is outside the drawing")),
                    Some(ink) => {
                        let ratio = contrast(ink, background);
                        if ratio < MIN_TEXT_CONTRAST {
                            contrast_problems.push(format!(
                                "{src}: text \"{label}\" is {} on {}: {ratio:.2}:1, below {MIN_TEXT_CONTRAST}:1",
                                hex(ink),
                                hex(background)
                            ));
                        }
                    }
                }
            }
        }
        js_async(client, RESTORE, vec![json!(id)]).await?;
        Ok((contrast_problems, sizes))
    }

    /// Breaks the diagrams on purpose, on the phone in the light theme, and
    /// checks that the diagram checks catch each breakage: shrunk to the
    /// column again (labels too small), and faded (text contrast too low).
    async fn diagram_breakages(&mut self) -> Result<(), String> {
        let Some(html) = self.diagram_page.clone() else {
            println!("deliberate breakages: no page checked has a diagram; skipped");
            return Ok(());
        };
        let client = self.client;
        let phone = &VIEWPORTS[1];
        emulate(client, phone).await?;
        let breakages = [
            (
                "diagrams shrunk to the phone's column",
                ".content img[src] { max-width: 100% !important; }",
                "diagram label size",
            ),
            (
                "diagrams faded",
                ".content img[src] { opacity: 0.3 !important; }",
                "diagram text contrast",
            ),
        ];
        for (what, css, check) in breakages {
            let context = format!("{html} [phone, theme light, deliberately broken: {what}]");
            client
                .goto(&self.server.url(&html))
                .await
                .map_err(|e| format!("{context}: {e}"))?;
            js_async(client, OPEN_AND_WAIT, vec![]).await?;
            js(
                client,
                "const s = document.createElement('style'); s.textContent = arguments[0]; \
                 document.head.appendChild(s);",
                vec![json!(css)],
            )
            .await?;
            let (contrast, sizes) = self.diagram(0, "light", phone).await?;
            let caught = if check == "diagram label size" {
                sizes
            } else {
                contrast
            };
            let problems = if caught.is_empty() {
                vec![format!(
                    "the {check} check passed it: that check cannot fail"
                )]
            } else {
                println!("deliberate breakage ({what}) caught: {}", caught[0]);
                vec![]
            };
            self.report.check(&context, "caught", problems);
            console_errors(client).await?;
            self.server.take_log();
        }
        emulate(client, &VIEWPORTS[0]).await
    }

    /// Breaks the Run buttons on purpose, on the first page with one, and
    /// checks that the Run button check catches each breakage: the code
    /// edited on its way to the playground, and a button removed.
    async fn run_button_breakages(&mut self, pages: &[Page]) -> Result<(), String> {
        let Some(html) = self.button_page.clone() else {
            println!("deliberate breakages: no page checked has a Run button; skipped");
            return Ok(());
        };
        let page = pages
            .iter()
            .find(|p| p.html == html)
            .cloned()
            .expect("the page was checked");
        let breakages = [
            (
                "a program's code edited on its way to the playground",
                "const send = window.fetch; \
                 window.fetch = (url, options) => { \
                     if (String(url).includes('evaluate.json')) { \
                         const asked = JSON.parse(options.body); \
                         asked.code += '\\n// edited'; \
                         options = { ...options, body: JSON.stringify(asked) }; \
                     } \
                     return send(url, options); \
                 };",
                "other code",
            ),
            (
                "a Run button removed",
                "document.querySelector('main pre.playground .play-button').remove();",
                "has no Run button",
            ),
            (
                "a Run button on a quiz's program",
                "const quiz = document.querySelector('main pre > code.quiz'); \
                 if (quiz) { \
                     const button = document.querySelector('main pre.playground .play-button'); \
                     quiz.parentElement.prepend(button.cloneNode(true)); \
                 }",
                "a quiz's program has a Run button",
            ),
        ];
        let ran = self.ran.clone();
        for (what, script, expected) in breakages {
            let context = format!("{html} [desktop, theme light, deliberately broken: {what}]");
            self.client
                .goto(&self.server.url(&html))
                .await
                .map_err(|e| format!("{context}: {e}"))?;
            let problems = self.run_buttons(&page, Some(script)).await?;
            let caught = problems.iter().find(|p| p.contains(expected));
            let problems = match caught {
                Some(p) => {
                    println!("deliberate breakage ({what}) caught: {p}");
                    vec![]
                }
                None => vec![format!(
                    "the run buttons check did not say \"{expected}\" (it said {problems:?}): \
                     that check cannot fail"
                )],
            };
            self.report.check(&context, "caught", problems);
            console_errors(self.client).await?;
            self.server.take_log();
        }
        self.ran = ran;
        Ok(())
    }

    /// The first page with a Run button, loaded as an offline reader's
    /// browser does (`navigator.onLine` false): the page asks the playground
    /// nothing, logs no error, and shows no Run button (theme/head.hbs).
    async fn offline_reader(&mut self) -> Result<(), String> {
        let Some(html) = self.button_page.clone() else {
            return Ok(());
        };
        let client = self.client;
        let context = format!("{html} [desktop, theme light, offline]");
        let added = client
            .issue_cmd(Post {
                path: "goog/cdp/execute",
                body: json!({
                    "cmd": "Page.addScriptToEvaluateOnNewDocument",
                    "params": { "source": "Object.defineProperty(Navigator.prototype, 'onLine', \
                        { get: () => false, configurable: true });" },
                }),
            })
            .await
            .map_err(|e| format!("{context}: cannot take the page offline: {e}"))?;
        self.server.take_posts();
        client
            .goto(&self.server.url(&html))
            .await
            .map_err(|e| format!("{context}: {e}"))?;
        js_async(client, OPEN_AND_WAIT, vec![]).await?;
        let mut problems: Vec<String> = self
            .server
            .take_posts()
            .into_iter()
            .map(|p| format!("it asked the playground for {} although offline", p.path))
            .collect();
        let blocks = js(client, RUST_BLOCKS, vec![]).await?;
        let buttons = blocks
            .as_array()
            .into_iter()
            .flatten()
            .filter(|b| b["button"] == true)
            .count();
        if buttons > 0 {
            problems.push(format!(
                "{buttons} Run buttons show, which cannot work offline"
            ));
        }
        self.report.check(&context, "offline", problems);
        self.console_and_requests(client, &context).await?;
        let identifier = added["value"]["identifier"]
            .as_str()
            .or(added["identifier"].as_str())
            .unwrap_or("")
            .to_string();
        client
            .issue_cmd(Post {
                path: "goog/cdp/execute",
                body: json!({
                    "cmd": "Page.removeScriptToEvaluateOnNewDocument",
                    "params": { "identifier": identifier },
                }),
            })
            .await
            .map(|_| ())
            .map_err(|e| format!("{context}: cannot bring the page back online: {e}"))
    }

    /// After every page: each program the playground can run was seen with
    /// a Run button that worked.
    fn every_program_ran(&mut self) {
        let mut missing: Vec<String> = self
            .programs
            .values()
            .filter(|p| !self.ran.contains(&p.package))
            .map(|p| {
                format!(
                    "{}: the playground can run it, but no page showed its program with a working Run button",
                    p.package
                )
            })
            .collect();
        missing.sort();
        missing.dedup();
        println!(
            "run buttons: {} listings' programs ran on the stand-in playground",
            self.ran.len()
        );
        self.report
            .check("every page [desktop, theme light]", "run buttons", missing);
    }

    /// Types each term into the search box and checks the results.
    async fn search(&mut self, book: &Path, pages: &[Page]) -> Result<(), String> {
        let client = self.client;
        let first = &pages[0].html;
        let text_of = |html: &str| -> String {
            let raw = fs::read_to_string(book.join(html)).unwrap_or_default();
            let main = raw.split("<main>").nth(1).unwrap_or(&raw);
            let main = main.split("</main>").next().unwrap_or(main);
            strip_tags(main).to_lowercase()
        };
        let texts: HashMap<&str, String> = pages
            .iter()
            .map(|p| (p.html.as_str(), text_of(&p.html)))
            .collect();
        for term in SEARCH_TERMS {
            let context = format!("search for {term} on {first} [desktop, theme light]");
            client
                .goto(&self.server.url(first))
                .await
                .map_err(|e| format!("{context}: {e}"))?;
            client
                .find(Locator::Id("mdbook-search-toggle"))
                .await
                .map_err(|e| format!("{context}: no search button: {e}"))?
                .click()
                .await
                .map_err(|e| format!("{context}: cannot click the search button: {e}"))?;
            let bar = client
                .find(Locator::Id("mdbook-searchbar"))
                .await
                .map_err(|e| format!("{context}: no search box: {e}"))?;
            bar.send_keys(term)
                .await
                .map_err(|e| format!("{context}: cannot type: {e}"))?;
            let mut links: Vec<String> = Vec::new();
            let start = Instant::now();
            while start.elapsed() < Duration::from_secs(10) {
                let now = js(
                    client,
                    "return [...document.querySelectorAll('#mdbook-searchresults a')]\
                     .map(a => new URL(a.href).pathname.split('/').pop() + new URL(a.href).hash);",
                    vec![],
                )
                .await?;
                let now: Vec<String> = now
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect();
                if !now.is_empty() && now == links {
                    break;
                }
                links = now;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            let needle = term.to_lowercase();
            let mut problems = Vec::new();
            if links.is_empty() {
                problems.push("no results in 10 s".to_string());
            }
            let mut found = Vec::new();
            for link in &links {
                let (file, fragment) = link.split_once('#').unwrap_or((link, ""));
                let file = if file.is_empty() || file == "index.html" {
                    first.as_str()
                } else {
                    file
                };
                let Some(text) = texts.get(file) else {
                    problems.push(format!("result {link} is not a chapter of the book"));
                    continue;
                };
                if !text.contains(&needle) {
                    problems.push(format!("result {link}: the chapter never mentions {term}"));
                }
                let raw = fs::read_to_string(book.join(file)).unwrap_or_default();
                if !fragment.is_empty() && !raw.contains(&format!("id=\"{fragment}\"")) {
                    problems.push(format!("result {link}: no #{fragment} on that page"));
                }
                found.push(file.to_string());
            }
            let most = pages
                .iter()
                .map(|p| (texts[p.html.as_str()].matches(&needle).count(), &p.html))
                .max();
            match most {
                Some((0, _)) | None => problems.push(format!("no chapter mentions {term}")),
                Some((n, html)) if !found.contains(html) => problems.push(format!(
                    "{html} mentions {term} most ({n} times) but is not among the results {links:?}"
                )),
                Some(_) => {}
            }
            if problems.is_empty() {
                println!("search {term}: {} results, e.g. {}", links.len(), links[0]);
            }
            self.report.check(&context, "search results", problems);
            self.report
                .check(&context, "console", console_errors(client).await?);
            self.server.take_log();
        }
        Ok(())
    }

    /// `print.html` holds every chapter's title as a heading.
    async fn print_page(&mut self, pages: &[Page]) -> Result<(), String> {
        let client = self.client;
        let context = "print.html [desktop 1280x800, theme light]";
        client
            .goto(&self.server.url("print.html"))
            .await
            .map_err(|e| format!("{context}: {e}"))?;
        // The print page can still be filling in when `goto` returns (seen
        // once in CI with every heading missing): read its headings again
        // while their number grows, for up to 30 s without growth.
        let mut headings: Vec<String> = Vec::new();
        let mut last_growth = std::time::Instant::now();
        loop {
            let read = js(
                client,
                "return [...document.querySelectorAll('main h1')].map(h => h.textContent.trim());",
                vec![],
            )
            .await?;
            let now: Vec<String> = read
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            if now.len() > headings.len() {
                last_growth = std::time::Instant::now();
            }
            headings = now;
            if headings.len() >= pages.len()
                || last_growth.elapsed() > std::time::Duration::from_secs(30)
            {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        let headings: Vec<&str> = headings.iter().map(String::as_str).collect();
        let mut missing = Vec::new();
        for page in pages {
            match self.titles.get(&page.html) {
                Some(title) if !headings.contains(&title.as_str()) => {
                    missing.push(format!("{} (\"{title}\") is missing", page.html));
                }
                Some(_) => {}
                None => missing.push(format!("{}: its title was never read", page.html)),
            }
        }
        self.report.check(context, "every chapter", missing);
        self.console_and_requests(client, context).await
    }
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

async fn run(
    root: &Path,
    out: &Path,
    filter: &[String],
    report: &mut Report,
) -> Result<(), String> {
    let is_this_book = root == out;
    let book = build_book(root, &out.join("target/book"))?;
    let mut pages = summary_pages(root)?;
    if !filter.is_empty() {
        pages.retain(|p| filter.iter().any(|f| p.html.contains(f.as_str())));
        if pages.is_empty() {
            return Err(format!("no page of the summary matches {filter:?}"));
        }
    }
    let server = Server::start(book.clone()).map_err(|e| format!("cannot serve the book: {e}"))?;
    let shots = out.join("target/screenshots");
    let _ = fs::remove_dir_all(&shots);
    fs::create_dir_all(&shots).map_err(|e| format!("cannot create {}: {e}", shots.display()))?;
    let profile = out.join(format!("target/browser-profile-{}", std::process::id()));
    let _ = fs::remove_dir_all(&profile);

    let (driver, port) = start_driver()?;
    let pid = driver.child.id();
    let watchdog = Arc::new(Mutex::new(true));
    let alive = Arc::clone(&watchdog);
    std::thread::spawn(move || {
        std::thread::sleep(WATCHDOG);
        if *alive.lock().unwrap() {
            eprintln!(
                "error: the browser test took longer than {WATCHDOG:?}; a hung browser? Stopping it."
            );
            Driver::kill_tree(pid);
            std::process::exit(1);
        }
    });

    let client = connect(port, &profile).await?;
    answer_playground_locally(&client, &server).await?;
    let mut run = Run {
        client: &client,
        server: &server,
        shots: shots.clone(),
        report: std::mem::take(report),
        titles: HashMap::new(),
        diagram_page: None,
        // Another book (a fixture) has no listing of this workspace: no
        // block of it may have a Run button.
        programs: if is_this_book {
            runnable_programs(root)?
        } else {
            HashMap::new()
        },
        ran: Default::default(),
        button_page: None,
    };
    let result = async {
        for theme in THEMES {
            let start = Instant::now();
            emulate(&client, &VIEWPORTS[0]).await?;
            choose_theme(&client, &server, &pages[0], theme).await?;
            // That page is checked again below, in turn.
            console_errors(&client).await?;
            server.take_log();
            for v in &VIEWPORTS {
                emulate(&client, v).await?;
                for page in &pages {
                    run.page(page, v, theme).await?;
                }
            }
            println!(
                "theme {theme}: {} pages x {} viewports in {:.1} s",
                pages.len(),
                VIEWPORTS.len(),
                start.elapsed().as_secs_f32()
            );
        }
        emulate(&client, &VIEWPORTS[0]).await?;
        choose_theme(&client, &server, &pages[0], "light").await?;
        console_errors(&client).await?;
        server.take_log();
        // The deliberate breakages are of this book's pages, not of a
        // fixture book's (which is broken on purpose already).
        if is_this_book {
            run.diagram_breakages().await?;
            run.run_button_breakages(&pages).await?;
            run.offline_reader().await?;
        }
        let all = summary_pages(root)?;
        if pages.len() == all.len() && is_this_book {
            run.every_program_ran();
            run.search(&book, &pages).await?;
        }
        run.print_page(&pages).await?;
        Ok::<(), String>(())
    }
    .await;
    *report = std::mem::take(&mut run.report);
    let _ = client.close().await;
    *watchdog.lock().unwrap() = false;
    drop(driver);
    let _ = fs::remove_dir_all(&profile);
    println!("screenshots: {}", shots.display());
    result
}

fn main() -> ExitCode {
    let root = support::workspace_root();
    let (mut filter, mut book) = (Vec::new(), root.to_path_buf());
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--book" {
            let dir = args.next().unwrap_or_default();
            book = root.join(dir);
        } else if !arg.starts_with('-') {
            filter.push(arg);
        }
    }
    // Another book's HTML goes under its own folder of target/.
    let out = if book == root {
        root.to_path_buf()
    } else {
        root.join("target/browser-fixture")
    };
    let start = Instant::now();
    let mut report = Report::default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("cannot start tokio");
    let result = runtime.block_on(run(&book, &out, &filter, &mut report));
    println!("browser test took {:.1} s", start.elapsed().as_secs_f32());
    if let Err(e) = result {
        eprintln!("error: {e}");
        println!(
            "browser: {} passed, {} failed",
            report.passed,
            report.failures.len() + 1
        );
        return ExitCode::FAILURE;
    }
    println!(
        "browser: {} passed, {} failed",
        report.passed,
        report.failures.len()
    );
    if report.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
