// The sentences a student reads about how an exchange ended: cut short, capped, timed out,
// queued but not confirmed, a rate. One module, used by the engine's event detail, the CLI and
// the renderer, so every face says the same thing in the same words.
import type { EndReason, ExchangeSummary } from './events.js';
import type { Proto } from './protocol/limits.js';

const thousands = new Intl.NumberFormat('en-US');

/** `123,456,789`. */
export function formatCount(n: number): string {
  return thousands.format(n);
}

/** `2 s`, `0.3 s`, `1,500 ms` below a second's worth of precision. */
export function formatSeconds(ms: number): string {
  return ms % 1000 === 0 || ms >= 10_000
    ? `${formatCount(Math.round(ms / 100) / 10)} s`
    : `${formatCount(ms)} ms`;
}

/** A rate over an interval shorter than this is not a rate: Node's buffer took it, not the network. */
export const RATE_MIN_INTERVAL_MS = 1;

/** Said instead of a rate when the interval was too short to measure one. */
export const RATE_UNMEASURABLE = 'rate not measurable (too short an interval)';

/** Bytes per second from bytes over an interval; 0 when the interval is too short to mean anything. */
export function rateBytesPerSec(bytes: number, durationMs: number): number {
  return durationMs >= RATE_MIN_INTERVAL_MS ? (bytes * 1000) / durationMs : 0;
}

/** Bytes per second in decimal units, as network tools count them. */
export function formatRate(bytesPerSecond: number): string {
  if (bytesPerSecond >= 1e6) return `${(bytesPerSecond / 1e6).toFixed(1)} MB/s`;
  if (bytesPerSecond >= 1e3) return `${(bytesPerSecond / 1e3).toFixed(1)} kB/s`;
  return `${bytesPerSecond.toFixed(0)} B/s`;
}

/** A summary's rate in words: the rate, or why there is none. */
export function describeRate(s: Pick<ExchangeSummary, 'bytes' | 'durationMs' | 'throughputBps'>): string {
  if (s.throughputBps > 0) return formatRate(s.throughputBps);
  return s.bytes > 0 ? RATE_UNMEASURABLE : 'no payload';
}

/** How an exchange ended, in a few words. */
export const END_TEXT: Record<EndReason, string> = {
  fin: 'the server closed the connection (FIN)',
  'idle-timeout': 'idle timeout (no more datagrams)',
  'prepare-timeout': 'no file_prepared in time',
  'reply-timeout': 'no reply in time',
  short: 'cut short (the reply ended before all expected bytes arrived)',
  error: 'error',
  cancelled: 'cancelled',
  done: 'complete (everything expected arrived)',
};

export interface ShortEnd {
  proto: Proto;
  bytes: number;
  expected: number;
  /** UDP: the idle timeout that ended it. */
  idleTimeoutMs?: number;
  /** Streams counted by sequence number: segments received of expected. */
  segments?: { received: number; expected: number } | null;
}

/** "the server closed after 9,800,000 of 123,456,789 bytes" (TCP) or its UDP equivalent. */
export function shortEndSentence(e: ShortEnd): string {
  const of = `${formatCount(e.bytes)} of ${formatCount(e.expected)} bytes`;
  const segs = e.segments
    ? ` (${formatCount(e.segments.received)} of ${formatCount(e.segments.expected)} segments)`
    : '';
  if (e.proto === 'tcp') return `the server closed after ${of}${segs}`;
  const quiet = e.idleTimeoutMs !== undefined ? ` for ${formatSeconds(e.idleTimeoutMs)}` : '';
  return `no datagram${quiet} after ${of}${segs}: the server stopped sending or the rest was lost`;
}

/** A TCP reply timeout: nothing at all, or nothing more after some bytes. */
export function replyTimeoutSentence(
  remote: string,
  timeoutMs: number,
  bytes: number,
  expected: number | null,
): string {
  const wait = formatSeconds(timeoutMs);
  if (bytes === 0) {
    return `no reply from ${remote} for ${wait}: the server accepted the connection but sent nothing`;
  }
  const of = expected !== null ? ` of ${formatCount(expected)}` : '';
  return `no byte from ${remote} for ${wait} after ${formatCount(bytes)}${of} bytes: the server stopped sending`;
}

/** "the server capped the stream at 10,001 of 20,000 segments". */
export function cappedStreamSentence(sent: number, requested: number): string {
  return `the server capped the stream at ${formatCount(sent)} of ${formatCount(requested)} segments`;
}

/** What a server can say of TCP bytes the kernel took: they left NetLab, nobody confirmed them. */
export const QUEUED_NOT_CONFIRMED = 'queued, not confirmed';

/** A server's TCP byte count in words, e.g. "3,500,000 bytes taken by the kernel (queued, not confirmed)". */
export function queuedSentence(bytes: number, expected: number | null): string {
  const of = expected !== null ? ` of ${formatCount(expected)}` : '';
  return `${formatCount(bytes)}${of} bytes taken by the kernel (${QUEUED_NOT_CONFIRMED} by the peer)`;
}

/**
 * Everything a summary has to say about its ending beyond the numbers: the end reason, its error
 * sentence, a capped stream, unconfirmed bytes. Joined with "; ".
 */
export function describeEnding(s: ExchangeSummary): string {
  const parts: string[] = [];
  parts.push(s.error ? `${END_TEXT[s.end]}: ${s.error.message}` : END_TEXT[s.end]);
  if (s.streamCap) parts.push(cappedStreamSentence(s.streamCap.sent, s.streamCap.requested));
  if (s.queuedNotConfirmed) parts.push(`bytes ${QUEUED_NOT_CONFIRMED} by the peer`);
  return parts.join('; ');
}
