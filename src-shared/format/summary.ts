// The summary of an exchange in words: one headline sentence ("file 1000000 over TCP: 1,000,000
// of 1,000,000 bytes in 4.1 ms (244.8 MB/s, 2.0 Gbit/s)"), the facts behind it, and how it ended.
// The engine's event detail, the CLI and the renderer all word a summary with these.
import { describeMissingRanges, toRanges } from '../wire/ranges.js';
import { describeEnding, describeRate, endingParts, queuedSentence } from '../endings.js';
import type { EndReason, ExchangeSummary } from '../events.js';
import { formatBitRate, formatCount, formatDuration, formatRate, plural } from './numbers.js';
import { describeRequest } from './request.js';

/** How many missing sequence numbers a summary line lists before it stops. */
export const SUMMARY_MISSING_SHOWN = 10;

/** Said of TCP socket reads wherever they are counted. */
export const TCP_READS_NOTE = 'TCP reads are not segments: the kernel merges and splits them';

/** A summary's rate in words: `(244.8 MB/s, 2.0 Gbit/s)`, or why there is none. */
function rateText(s: ExchangeSummary): string {
  if (s.throughputBps > 0) return ` (${formatRate(s.throughputBps)}, ${formatBitRate(s.throughputBps)})`;
  return s.bytes > 0 ? ` (${describeRate(s)})` : '';
}

/** The one sentence that says it all; the first line of the CLI's summary, the panel's headline. */
export function summaryHeadline(s: ExchangeSummary): string {
  const of = s.expected !== null ? ` of ${formatCount(s.expected)}` : '';
  const what =
    s.role === 'client'
      ? `${formatCount(s.bytes)}${of} bytes`
      : s.queuedNotConfirmed
        ? queuedSentence(s.bytes, s.expected)
        : `sent ${formatCount(s.bytes)}${of} bytes`;
  return `${describeRequest(s)} over ${s.proto.toUpperCase()}: ${what} in ${formatDuration(s.durationMs)}${rateText(s)}`;
}

/** Lost bytes, socket reads or datagrams, file_prepared: the facts behind the headline. */
export function summaryFacts(s: ExchangeSummary): string[] {
  const facts: string[] = [];
  if (s.role === 'client' && s.expected !== null) facts.push(`${formatCount(s.lost)} bytes lost`);
  if (s.proto === 'udp') facts.push(plural(s.datagrams, 'datagram'));
  else if (s.role === 'client') facts.push(`${plural(s.reads, 'socket read')} (${TCP_READS_NOTE})`);
  else facts.push(plural(s.reads, 'socket write'));
  if (s.prepareMs !== null) facts.push(`file_prepared after ${formatDuration(s.prepareMs)}`);
  return facts;
}

/** A stream's sequence numbers: `segments 197/200, missing 3 (first: 12, 57, 58), …`; '' for no stream. */
export function summarySegments(s: ExchangeSummary): string {
  if (s.segmentsExpected <= 0) return '';
  // Ranges ("2,009–2,821 (813)") say a burst as one burst; older summaries have the sample only.
  const ranges = s.missingRanges ?? toRanges(s.missingSample.slice(0, SUMMARY_MISSING_SHOWN));
  const sample =
    s.missing > 0 && ranges.length > 0 ? `: ${describeMissingRanges(ranges, s.missing, s.missingRangeCount)}` : '';
  return (
    `segments ${formatCount(s.segmentsReceived)}/${formatCount(s.segmentsExpected)}, ` +
    `missing ${formatCount(s.missing)}${sample}, out of order ${formatCount(s.outOfOrder)}, ` +
    `duplicated ${formatCount(s.duplicated)}`
  );
}

/** The whole summary on one line, for the summary event's detail (event log, CSV). */
export function describeSummary(s: ExchangeSummary): string {
  const parts = [summaryHeadline(s), summaryFacts(s).join(', ')];
  const segments = summarySegments(s);
  if (segments !== '') parts.push(segments);
  parts.push(`ended: ${describeEnding(s)}`);
  return parts.join('; ');
}

/** The ending as sentences, for a panel: "The server closed the connection (FIN, …). Not loss: …." */
export function endingSentences(s: ExchangeSummary): string {
  return endingParts(s)
    .map((p) => `${p.charAt(0).toUpperCase()}${p.slice(1)}${/[.?!]$/.test(p) ? '' : '.'}`)
    .join(' ');
}

/** The end reason in a word or two, for a badge: `done`, `cut short`, `idle timeout`. */
export function endLabel(end: EndReason): string {
  return end === 'short' ? 'cut short' : end.replace('-', ' ');
}
