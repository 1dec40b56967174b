//! The conformance suite against `std::sync::mpsc`, the reference: every
//! guarantee the suite states must hold for std's channels.

use conformance::{StdChannel, StdSyncChannel, conformance_suite};

// `channel()`: unbounded.
conformance_suite!(std_unbounded, StdChannel);
// `sync_channel(0)`: rendezvous, every send waits for a recv.
conformance_suite!(std_rendezvous, StdSyncChannel(0));
// `sync_channel(1)`: the smallest buffer.
conformance_suite!(std_bounded_1, StdSyncChannel(1));
// `sync_channel(64)`: a buffer that is sometimes full, sometimes not.
conformance_suite!(std_bounded_64, StdSyncChannel(64));
