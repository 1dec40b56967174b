//! Part IV's real broker: the pinned `nats-server` found or installed
//! ([`server`]), servers and clusters on loopback that die with their handle,
//! waits that judge progress ([`progress`]), and the kitchen's JetStream work
//! queue ([`kitchen`]) that the fault tests, the `cook` process and the
//! measurements share.

pub mod guarantees;
pub mod kitchen;
pub mod progress;
pub mod server;

pub use server::{Cluster, Server, nats_server, skip_line};
