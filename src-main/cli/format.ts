// Human-readable lines for the terminal: exchange summaries, the server's request log, sizes, rates.
import {
  describeEnding,
  describeRate,
  formatCount,
  formatRate,
  queuedSentence,
} from '../../src-shared/endings.js';
import type { ExchangeSummary, LabEvent } from '../../src-shared/events.js';
import { wiresharkFilter } from '../../src-shared/events.js';
import { describeMissingRanges, toRanges } from '../../src-shared/wire/ranges.js';
import { describeSummaryWire } from '../../src-shared/wire/summary-wire.js';

export { formatCount, formatRate };

/** `1 datagram`, `2,000 datagrams`. */
export function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1) return `${ms.toFixed(3)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** The same rate in bits, for comparison with iperf and link speeds. */
export function formatBitRate(bytesPerSecond: number): string {
  const bits = bytesPerSecond * 8;
  if (bits >= 1e9) return `${(bits / 1e9).toFixed(2)} Gbit/s`;
  if (bits >= 1e6) return `${(bits / 1e6).toFixed(1)} Mbit/s`;
  return `${(bits / 1e3).toFixed(1)} kbit/s`;
}

/** What the request was, as the user would type it: `echo "hello"`, `file 1000`, `stream 10 ms × 1000 × 1024 B`. */
export function describeRequest(s: Pick<ExchangeSummary, 'command' | 'request'>): string {
  if (s.command === 'echo') return `echo ${JSON.stringify(s.request)}`;
  if (s.command === 'file') return `file ${s.request}`;
  const m = /^stream-([^-]+)-(\d+)-(\d+)$/.exec(s.request);
  if (s.command === 'stream' && m) return `stream ${m[1]} ms × ${m[2]} × ${m[3]} B`;
  return s.request === '' ? '(empty request)' : JSON.stringify(s.request);
}

/** The client's summary after an exchange: a few lines, the first one says it all. */
export function formatClientSummary(s: ExchangeSummary): string {
  const proto = s.proto.toUpperCase();
  const of = s.expected !== null ? ` of ${formatCount(s.expected)}` : '';
  const rate =
    s.throughputBps > 0
      ? ` (${formatRate(s.throughputBps)}, ${formatBitRate(s.throughputBps)})`
      : s.bytes > 0
        ? ` (${describeRate(s)})`
        : '';
  const lines = [
    `${describeRequest(s)} over ${proto}: ${formatCount(s.bytes)}${of} bytes in ${formatDuration(s.durationMs)}${rate}`,
  ];
  const facts: string[] = [];
  if (s.expected !== null) facts.push(`${formatCount(s.lost)} bytes lost`);
  if (s.proto === 'tcp') {
    facts.push(
      `${plural(s.reads, 'socket read')} (TCP reads are not segments: the kernel merges and splits them)`,
    );
  } else {
    facts.push(plural(s.datagrams, 'datagram'));
  }
  if (s.prepareMs !== null) facts.push(`file_prepared after ${formatDuration(s.prepareMs)}`);
  lines.push(`  ${facts.join(', ')}`);
  if (s.segmentsExpected > 0) {
    const sample = missingText(s);
    lines.push(
      `  segments ${formatCount(s.segmentsReceived)}/${formatCount(s.segmentsExpected)}, ` +
        `missing ${formatCount(s.missing)}${sample}, out of order ${formatCount(s.outOfOrder)}, ` +
        `duplicated ${formatCount(s.duplicated)}`,
    );
  }
  const wire = describeSummaryWire(s);
  if (wire !== null) lines.push(`  ${wire}`);
  lines.push(`  ended: ${describeEnding(s)}`);
  if (s.local && s.remote) lines.push(`  wireshark: ${wiresharkFilter(s.proto, s.local, s.remote)}`);
  return lines.join('\n');
}

/** " (2,009–2,821 (813), 7)" in sending order; the first ranges only, the rest counted. */
function missingText(s: ExchangeSummary): string {
  if (s.missing === 0) return '';
  const ranges = s.missingRanges ?? toRanges(s.missingSample);
  return ranges.length > 0 ? `: ${describeMissingRanges(ranges, s.missing, s.missingRangeCount)}` : '';
}

export function formatClock(iso: string): string {
  const d = new Date(iso);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/** One line per request a server served: time, peer, command, bytes, outcome. */
export function formatServedLine(event: LabEvent, s: ExchangeSummary): string {
  const outcome = s.error ? `${s.command === 'bad' ? 'refused' : s.end}: ${s.error.message}` : s.end;
  const rate =
    s.throughputBps > 0 ? ` ${formatRate(s.throughputBps)}` : s.bytes > 0 ? ` (${describeRate(s)})` : '';
  const bytes = s.queuedNotConfirmed ? queuedSentence(s.bytes, s.expected) : `${formatCount(s.bytes)} B`;
  return `${formatClock(event.time)}  ${s.remote || event.remote}  ${describeRequest(s)}${cappedNote(s)}  ${bytes}${rate}  ${outcome}`;
}

/** The server log says when a stream's count was cut to the stream limit (PROTOCOL.md §3). */
function cappedNote(s: ExchangeSummary): string {
  const m = /^stream-[^-]+-(\d+)-(\d+)$/.exec(s.request);
  if (s.command !== 'stream' || !m || s.expected === null) return '';
  const sent = s.expected / Number(m[2]);
  return sent < Number(m[1]) ? ` (capped at ${formatCount(sent)} segments by the stream limit)` : '';
}
