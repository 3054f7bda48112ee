// NetLab's server bounds (docs/protocol.md §8). The classic tool has none of these: a classic
// request within them is served exactly as before; over them the server answers one line.

/** Node's setTimeout takes at most 2^31 − 1 ms; a longer delay fires after 1 ms, with a warning. */
export const TIMER_MAX_MS = 2_147_483_647;

// The stream interval and segment size bounds are the contract's own (protocol/limits.ts).
/** A stream may hold its connection (or UDP peer) this long: count × interval at most. */
export const STREAM_MAX_DURATION_MS_DEFAULT = 3_600_000;
/** Upper bound of the stream duration setting (one day). */
export const STREAM_MAX_DURATION_MS_MAX = 86_400_000;

/** Concurrent TCP connections one server accepts; the next is refused with one line. */
export const TCP_MAX_CONNECTIONS_DEFAULT = 1000;
/**
 * Concurrent TCP connections from one peer host (IP address). A lab of thirty machines stays well
 * under it; one machine that opens hundreds of idle connections cannot take every slot.
 */
export const TCP_MAX_CONNECTIONS_PER_HOST_DEFAULT = 64;
/** Upper bound of either TCP connection setting (the process's file descriptors run out first). */
export const TCP_MAX_CONNECTIONS_MAX = 100_000;

/** Concurrent UDP file / stream transfers to one source address (IP, any port). */
export const UDP_MAX_TRANSFERS_PER_SOURCE_DEFAULT = 4;
/** Concurrent UDP file / stream transfers in all (spoofed sources are many addresses). */
export const UDP_MAX_TRANSFERS_DEFAULT = 256;
export const UDP_MAX_TRANSFERS_MAX = 100_000;
/**
 * Bytes/s all transfers to one source address share. A datagram's source is not checked by UDP,
 * so this is what one claimed address (a victim) can be sent, however many requests name it.
 * Same as the default per-transfer pace, so one default transfer runs at full speed.
 */
export const UDP_SOURCE_RATE_BYTES_PER_SEC_DEFAULT = 40_000_000;
/** Bytes/s the whole UDP server sends, all sources together (under a 1 Gb/s lab link). */
export const UDP_TOTAL_RATE_BYTES_PER_SEC_DEFAULT = 100_000_000;
/**
 * A budget may send this far ahead of its pace at once (a token bucket of rate × burst): a short
 * reply never waits, a long transfer settles to the rate.
 */
export const UDP_BUDGET_BURST_MS = 50;
