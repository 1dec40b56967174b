//! Helpers for the browser test (`tests/browser.rs`): the book's page list, a
//! static file server for `target/book`, and the WCAG contrast arithmetic
//! applied to screenshot pixels.

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// One page the summary lists: its source file and the HTML page mdBook makes.
#[derive(Clone, Debug)]
pub struct Page {
    pub source: String,
    pub html: String,
}

/// Every chapter of the book, in the sidebar's order, as mdBook's own loader
/// reads `src/SUMMARY.md` (through the book's model, so the browser test
/// opens the pages the build renders). A summary that lists nothing is an
/// error, so the test cannot pass by checking no page.
pub fn summary_pages(root: &Path) -> Result<Vec<Page>, String> {
    let book = book_model::mdbook(root).map_err(|e| format!("{e:#}"))?;
    let pages: Vec<Page> = book
        .book
        .chapters()
        .filter_map(|ch| {
            let path = ch.path.as_ref()?;
            Some(Page {
                source: path.display().to_string(),
                html: path.with_extension("html").display().to_string(),
            })
        })
        .collect();
    if pages.is_empty() {
        return Err(format!(
            "{} links to no chapter",
            root.join("src/SUMMARY.md").display()
        ));
    }
    Ok(pages)
}

/// What the server answered one request with.
#[derive(Clone, Debug)]
pub struct Served {
    pub path: String,
    pub status: u16,
}

/// A static file server for the built book on 127.0.0.1, on a free port.
///
/// It is a few lines of `std::net` rather than a crate: it serves files from
/// one directory to one local browser, and it must log every request with its
/// status so the test can name each one that failed. An HTTP server crate
/// would bring a second async stack for no gain. One thread per connection;
/// every response closes its connection, so no keep-alive logic is needed.
pub struct Server {
    pub port: u16,
    log: Arc<Mutex<Vec<Served>>>,
    posts: Arc<Mutex<Vec<Posted>>>,
    answer: Arc<Mutex<Option<Box<Answer>>>>,
}

/// One POST the server was sent: the stand-in playground's requests.
#[derive(Clone, Debug)]
pub struct Posted {
    pub path: String,
    pub body: String,
}

/// Answers a POST (path, body) with a JSON body, or `None` for a 404.
pub type Answer = dyn Fn(&str, &str) -> Option<String> + Send;

/// What one connection's thread needs of the server.
#[derive(Clone)]
struct Shared {
    dir: PathBuf,
    posts: Arc<Mutex<Vec<Posted>>>,
    answer: Arc<Mutex<Option<Box<Answer>>>>,
}

impl Server {
    pub fn start(dir: PathBuf) -> std::io::Result<Server> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let server_log = Arc::clone(&log);
        let shared = Shared {
            dir,
            posts: Arc::new(Mutex::new(Vec::new())),
            answer: Arc::new(Mutex::new(None)),
        };
        let (posts, answer_with) = (Arc::clone(&shared.posts), Arc::clone(&shared.answer));
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (shared, log) = (shared.clone(), Arc::clone(&server_log));
                thread::spawn(move || {
                    if let Some(served) = answer(&shared, stream) {
                        log.lock().unwrap().push(served);
                    }
                });
            }
        });
        Ok(Server {
            port,
            log,
            posts,
            answer: answer_with,
        })
    }

    /// Answers POST requests from now on (without it, every POST is a 404).
    pub fn answer_posts(&self, answer: impl Fn(&str, &str) -> Option<String> + Send + 'static) {
        *self.answer.lock().unwrap() = Some(Box::new(answer));
    }

    /// The POST requests received since the last call.
    pub fn take_posts(&self) -> Vec<Posted> {
        std::mem::take(&mut *self.posts.lock().unwrap())
    }

    pub fn url(&self, page: &str) -> String {
        format!("http://127.0.0.1:{}/{page}", self.port)
    }

    /// The requests answered since the last call.
    pub fn take_log(&self) -> Vec<Served> {
        std::mem::take(&mut *self.log.lock().unwrap())
    }
}

fn answer(shared: &Shared, stream: TcpStream) -> Option<Served> {
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut request = String::new();
    reader.read_line(&mut request).ok()?;
    // Read the headers to their end so the browser sees a clean close.
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut parts = request.split_whitespace();
    let (method, target) = (parts.next()?, parts.next()?);
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path);
    let file = resolve(&shared.dir, &decoded);
    let (status, body, kind) = match (method, file) {
        ("GET" | "HEAD", Some(file)) => match fs::read(&file) {
            Ok(body) => (200, body, content_type(&file)),
            Err(_) => (404, b"not found".to_vec(), "text/plain"),
        },
        ("GET" | "HEAD", None) => (404, b"not found".to_vec(), "text/plain"),
        ("POST", _) => {
            let mut body = vec![0; length];
            std::io::Read::read_exact(&mut reader, &mut body).ok()?;
            let body = String::from_utf8_lossy(&body).into_owned();
            let answered = shared
                .answer
                .lock()
                .unwrap()
                .as_ref()
                .and_then(|answer| answer(&decoded, &body));
            shared.posts.lock().unwrap().push(Posted {
                path: decoded.clone(),
                body,
            });
            match answered {
                Some(json) => (200, json.into_bytes(), "application/json"),
                None => (404, b"not found".to_vec(), "text/plain"),
            }
        }
        _ => (405, b"method not allowed".to_vec(), "text/plain"),
    };
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let mut out = stream;
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = out.write_all(head.as_bytes());
    if method != "HEAD" {
        let _ = out.write_all(&body);
    }
    let _ = out.flush();
    Some(Served {
        path: decoded,
        status,
    })
}

/// The file a URL path names inside `dir`, or `None` for a path that leaves it
/// or names nothing.
fn resolve(dir: &Path, path: &str) -> Option<PathBuf> {
    let mut file = dir.to_path_buf();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            part => file.push(part),
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = bytes.get(i + 1..i + 3)
            && let Ok(hex) = std::str::from_utf8(hex)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn content_type(file: &Path) -> &'static str {
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    let types: HashMap<&str, &str> = [
        ("html", "text/html; charset=utf-8"),
        ("css", "text/css"),
        ("js", "text/javascript"),
        ("svg", "image/svg+xml"),
        ("png", "image/png"),
        ("jpg", "image/jpeg"),
        ("woff", "font/woff"),
        ("woff2", "font/woff2"),
        ("ttf", "font/ttf"),
        ("json", "application/json"),
        ("txt", "text/plain; charset=utf-8"),
        ("csv", "text/csv; charset=utf-8"),
    ]
    .into_iter()
    .collect();
    types
        .get(ext)
        .copied()
        .unwrap_or("application/octet-stream")
}

/// The WCAG 2 relative luminance of an sRGB colour.
pub fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// The WCAG 2 contrast ratio of two colours, from 1 to 21.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

pub fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// An RGB image decoded from a screenshot.
pub struct Image {
    pub width: usize,
    pub height: usize,
    pixels: Vec<[u8; 3]>,
}

impl Image {
    pub fn decode_png(bytes: &[u8]) -> Result<Image, String> {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
        let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
        let size = reader.output_buffer_size().ok_or("PNG too large")?;
        let mut buf = vec![0; size];
        let info = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
        let channels = match info.color_type {
            png::ColorType::Rgb => 3,
            png::ColorType::Rgba => 4,
            other => return Err(format!("unexpected PNG colour type {other:?}")),
        };
        let (width, height) = (info.width as usize, info.height as usize);
        let pixels = buf[..info.buffer_size()]
            .chunks_exact(info.line_size)
            .flat_map(|line| {
                line[..width * channels]
                    .chunks_exact(channels)
                    .map(|p| [p[0], p[1], p[2]])
            })
            .collect();
        Ok(Image {
            width,
            height,
            pixels,
        })
    }

    /// The colour most pixels in the image have: the background.
    pub fn most_common(&self) -> [u8; 3] {
        let mut counts: HashMap<[u8; 3], usize> = HashMap::new();
        for p in &self.pixels {
            *counts.entry(*p).or_default() += 1;
        }
        counts
            .into_iter()
            .max_by_key(|&(c, n)| (n, c))
            .map(|(c, _)| c)
            .unwrap_or([255, 255, 255])
    }

    /// The pixel inside the rectangle that stands out most from `background`:
    /// the text's ink, where the rectangle holds text. `None` for a rectangle
    /// with no pixel in the image.
    pub fn ink(&self, background: [u8; 3], rect: Rect) -> Option<[u8; 3]> {
        let x0 = rect.x.max(0.0).floor() as usize;
        let y0 = rect.y.max(0.0).floor() as usize;
        let x1 = ((rect.x + rect.w).ceil().max(0.0) as usize).min(self.width);
        let y1 = ((rect.y + rect.h).ceil().max(0.0) as usize).min(self.height);
        let mut best: Option<([u8; 3], f64)> = None;
        for y in y0..y1 {
            for x in x0..x1 {
                let p = self.pixels[y * self.width + x];
                let c = contrast(p, background);
                if best.is_none_or(|(_, b)| c > b) {
                    best = Some((p, c));
                }
            }
        }
        best.map(|(p, _)| p)
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_wcag() {
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
        assert!((contrast([9, 9, 9], [9, 9, 9]) - 1.0).abs() < 1e-9);
        // #767676 on white is the usual "just passes AA" grey: 4.54:1.
        let grey = contrast([0x76, 0x76, 0x76], [255, 255, 255]);
        assert!((4.5..4.6).contains(&grey), "{grey}");
    }

    #[test]
    fn ink_is_the_pixel_that_stands_out() {
        let mut pixels = vec![[250, 250, 250]; 16];
        pixels[5] = [120, 120, 120];
        pixels[6] = [20, 20, 20];
        let img = Image {
            width: 4,
            height: 4,
            pixels,
        };
        assert_eq!(img.most_common(), [250, 250, 250]);
        let all = Rect {
            x: 0.0,
            y: 0.0,
            w: 4.0,
            h: 4.0,
        };
        assert_eq!(img.ink([250, 250, 250], all), Some([20, 20, 20]));
        let left = Rect { w: 2.0, ..all };
        assert_eq!(img.ink([250, 250, 250], left), Some([120, 120, 120]));
    }

    #[test]
    fn server_serves_files_and_logs_misses() {
        let dir = std::env::temp_dir().join(format!("browser-tests-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("index.html"), "hello").unwrap();
        let server = Server::start(dir.clone()).unwrap();
        let get = |path: &str| {
            let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
            let mut out = String::new();
            std::io::Read::read_to_string(&mut s, &mut out).unwrap();
            out
        };
        assert!(get("/").ends_with("hello"));
        assert!(get("/missing.png").starts_with("HTTP/1.1 404"));
        assert!(get("/../etc/passwd").starts_with("HTTP/1.1 404"));
        let post = |path: &str, body: &str| {
            let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            write!(
                s,
                "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            )
            .unwrap();
            let mut out = String::new();
            std::io::Read::read_to_string(&mut s, &mut out).unwrap();
            out
        };
        assert!(post("/ask", "{}").starts_with("HTTP/1.1 404"));
        server.answer_posts(|path, body| (path == "/ask").then(|| format!("[{body}]")));
        assert!(post("/ask", "{\"a\":1}").ends_with("[{\"a\":1}]"));
        let posts = server.take_posts();
        assert_eq!(posts.len(), 2);
        assert_eq!(
            (posts[1].path.as_str(), posts[1].body.as_str()),
            ("/ask", "{\"a\":1}")
        );
        thread::sleep(Duration::from_millis(100));
        let log = server.take_log();
        assert_eq!(log.iter().filter(|s| s.status == 404).count(), 3, "{log:?}");
        fs::remove_dir_all(dir).unwrap();
    }
}
