// Classic defaults from docs/protocol.md §4; NetLab departs only where noted.
export const FILE_LIMIT_CHARS = 123_456_789;
export const STREAM_LIMIT_SEGMENTS = 10_001;
export const UDP_CHUNK_BYTES = 1120;
/** Largest UDP payload over IPv4 (65,535 − 8 UDP header − 20 IP header). */
export const UDP_MAX_PAYLOAD_BYTES = 65_507;
export const UDP_IDLE_TIMEOUT_MS = 2000;
export const UDP_PREPARE_TIMEOUT_MS = 100_000;
/** NetLab: a TCP connect to a host that drops the SYN gives up here, not after the OS's ~2 minutes. */
export const TCP_CONNECT_TIMEOUT_MS = 10_000;
/** Longest wait a client may be told to sit out (idle, prepare, reply): one hour. */
export const CLIENT_WAIT_MAX_MS = 3_600_000;
/** Longest TCP connect wait a client may be given. */
export const TCP_CONNECT_TIMEOUT_MAX_MS = 600_000;
/**
 * NetLab: a TCP exchange with no reply byte for this long ends with TIMEOUT (classic waits for
 * ever). The clock restarts at every byte, so a slow stream is never cut.
 */
export const TCP_REPLY_TIMEOUT_MS = 30_000;
/**
 * NetLab's UDP client asks the kernel for this receive buffer, so a fast loopback transfer is not
 * lost to a full socket buffer (Linux caps it at net.core.rmem_max). 0 keeps the OS default, as
 * the classic client and a plain socket do — the setting shows how much the buffer matters.
 */
export const UDP_RECV_BUFFER_BYTES_DEFAULT = 8 * 1024 * 1024;
export const UDP_RECV_BUFFER_MAX_BYTES = 1024 * 1024 * 1024;
/** Largest stream segment the contract accepts (TCP; a UDP segment is one datagram, see above). */
export const STREAM_SEGMENT_MAX_BYTES = 64 * 1024 * 1024;
/** Largest stream interval a request may carry (one hour). */
export const STREAM_INTERVAL_MAX_MS = 3_600_000;
/** Largest stream limit a server may be given. */
export const STREAM_LIMIT_MAX_SEGMENTS = 10_000_000;
/** Largest UDP send rate a server may be given, bytes/s. */
export const UDP_RATE_MAX_BYTES_PER_SEC = 100_000_000_000;
export const REQUEST_MAX_BYTES = 1024;
/** A TCP request is complete after this much silence even without a newline (§1). */
export const REQUEST_QUIET_MS = 50;
export const SEQUENCE_NUMBERS_DEFAULT = true;
/**
 * NetLab's UDP server paces each file transfer (classic: as fast as it can). Loopback never pushes
 * back, so an unpaced sender overruns a receive buffer capped by the OS (net.core.rmem_max, often
 * 4 MiB or less); 0 turns pacing off so a lesson can show what that loss looks like.
 */
export const UDP_RATE_BYTES_PER_SEC_DEFAULT = 40_000_000;

export const STREAM_DEFAULT_INTERVAL_MS = 10;
export const STREAM_DEFAULT_COUNT = 1000;
export const STREAM_DEFAULT_SIZE_BYTES = 1024;

export const FILE_PREPARED = 'file_prepared';
export const FILE_PREPARED_BYTES = 13;
/** Classic payload: every character of a generated file is 'A'. */
export const FILE_FILL_BYTE = 0x41;

/**
 * A file request: a decimal integer with an optional sign (PROTOCOL.md §2). The one pattern the
 * classifier, the CLI and the forms use; the server decides whether N is within its limit.
 */
export const FILE_REQUEST_RE = /^[+-]?\d+$/;

export type Proto = 'tcp' | 'udp';
