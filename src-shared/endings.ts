// The sentences a student reads about how an exchange ended: cut short, capped, timed out,
// queued but not confirmed, a rate. One module, used by the engine's event detail, the CLI and
// the renderer, so every face says the same thing in the same words.
import type { EndReason, ExchangeSummary } from './events.js';
import type { Proto } from './protocol/limits.js';
import { formatCount, formatRate, formatSeconds } from './format/numbers.js';

// Re-exported for the modules that took them from here; they live in format/numbers.ts.
export { formatCount, formatRate, formatSeconds };

/** A rate over an interval shorter than this is not a rate: Node's buffer took it, not the network. */
export const RATE_MIN_INTERVAL_MS = 1;

/** Said instead of a rate when the interval was too short to measure one. */
export const RATE_UNMEASURABLE = 'rate not measurable (too short an interval)';

/** Bytes per second from bytes over an interval; 0 when the interval is too short to mean anything. */
export function rateBytesPerSec(bytes: number, durationMs: number): number {
  return durationMs >= RATE_MIN_INTERVAL_MS ? (bytes * 1000) / durationMs : 0;
}

/** A summary's rate in words: the rate, or why there is none. */
export function describeRate(s: Pick<ExchangeSummary, 'bytes' | 'durationMs' | 'throughputBps'>): string {
  if (s.throughputBps > 0) return formatRate(s.throughputBps);
  return s.bytes > 0 ? RATE_UNMEASURABLE : 'no payload';
}

/** How an exchange ended, in a few words (the CLI's "ended: …", the panel's "How it ended"). */
export const END_TEXT: Record<EndReason, string> = {
  fin: 'the server closed the connection (FIN, TCP’s end of transmission)',
  'idle-timeout': 'idle timeout (no datagram for a while, and UDP has no end marker)',
  'prepare-timeout': 'no file_prepared in time (is a server listening there?)',
  'reply-timeout': 'no reply in time',
  short: 'cut short (fewer bytes than expected arrived)',
  error: 'an error ended it',
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
 * sentence, a capped stream, unconfirmed bytes.
 */
export function endingParts(s: ExchangeSummary): string[] {
  const parts: string[] = [];
  parts.push(s.error ? `${END_TEXT[s.end]}: ${s.error.message}` : END_TEXT[s.end]);
  if (s.streamCap) parts.push(`not loss: ${cappedStreamSentence(s.streamCap.sent, s.streamCap.requested)}`);
  if (s.queuedNotConfirmed) parts.push(`bytes counted are what the kernel took (${QUEUED_NOT_CONFIRMED} by the peer)`);
  return parts;
}

/** The ending on one line, its parts joined with "; ". */
export function describeEnding(s: ExchangeSummary): string {
  return endingParts(s).join('; ');
}
