// Limits of the link relays, one definition each (STYLE.md): units in the names.

/** IPv4 header (20) + UDP header (8): what a datagram adds on the wire before the MTU check. */
export const IPV4_UDP_HEADER_BYTES = 28;
/** IPv6 header (40) + UDP header (8). */
export const IPV6_UDP_HEADER_BYTES = 48;
/**
 * A UDP flow (one client source address) ends after this much silence in both directions. Longer
 * than the classic client's 2 s idle timeout, so a flow outlives the client's end-of-transfer wait.
 */
export const LINK_UDP_FLOW_IDLE_MS = 5000;
/** Most concurrent UDP flows per link; further new sources are dropped (and said once). */
export const LINK_UDP_MAX_FLOWS = 1024;
/** Applied delays kept per direction for p50 / p99 (a reservoir sample beyond this). */
export const LINK_DELAY_SAMPLES_MAX = 200_000;
/**
 * Timers fire on whole milliseconds and mostly late; a packet due within this much of now leaves
 * with the batch being sent, so the applied delay is centred on the asked one, not ~0.5 ms over.
 */
export const LINK_TIMER_SLACK_MS = 0.25;
/** A rate-limited TCP chunk is paced in pieces of at most this, so 64 KiB reads do not burst. */
export const LINK_TCP_PACE_BYTES = 16 * 1024;
/** Socket reads and writes of the TCP link before write() returns false. */
export const LINK_TCP_HIGH_WATER_MARK_BYTES = 1024 * 1024;
/** Drop / delay events carry the datagram's sequence number when its payload starts with one. */
export const LINK_SEQ_DIGITS_MAX = 10;
/** The honest note wherever a student looks for "TCP loss". */
export const LINK_TCP_LOSS_NOTE =
  'TCP: loss shows as retransmission delay; a user-space relay cannot make the kernel drop a segment';
