// Human-readable lines for the terminal: exchange summaries, the server's request log. The words
// and numbers themselves come from src-shared/format, as the engine's details and the renderer use them.
import { describeEnding, describeRate, formatCount, formatRate, queuedSentence } from '../../src-shared/endings.js';
import type { ExchangeSummary, LabEvent } from '../../src-shared/events.js';
import { wiresharkFilter } from '../../src-shared/events.js';
import { formatBitRate, formatDuration, plural } from '../../src-shared/format/numbers.js';
import { describeRequest } from '../../src-shared/format/request.js';
import { endLabel, summaryFacts, summaryHeadline, summarySegments } from '../../src-shared/format/summary.js';
import { describeSummaryWire } from '../../src-shared/wire/summary-wire.js';

export { describeRequest, formatBitRate, formatCount, formatDuration, formatRate, plural };

/** The client's summary after an exchange: a few lines, the first one says it all. */
export function formatClientSummary(s: ExchangeSummary): string {
  const lines = [summaryHeadline(s), `  ${summaryFacts(s).join(', ')}`];
  const segments = summarySegments(s);
  if (segments !== '') lines.push(`  ${segments}`);
  const wire = describeSummaryWire(s);
  if (wire !== null) lines.push(`  ${wire}`);
  lines.push(`  ended: ${describeEnding(s)}`);
  if (s.local && s.remote) lines.push(`  wireshark: ${wiresharkFilter(s.proto, s.local, s.remote)}`);
  return lines.join('\n');
}

export function formatClock(iso: string): string {
  const d = new Date(iso);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/** One line per request a server served: time, peer, command, bytes, outcome. */
export function formatServedLine(event: LabEvent, s: ExchangeSummary): string {
  const end = endLabel(s.end);
  const outcome = s.error ? `${s.command === 'bad' ? 'refused' : end}: ${s.error.message}` : end;
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
