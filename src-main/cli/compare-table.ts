// Summaries side by side for the terminal: one row per figure, one column per exchange, and a
// mark on the rows where the exchanges differ (what a student compares first).
import type { ExchangeSummary } from '../../src-shared/events.js';
import { formatPercent } from '../../src-shared/format/numbers.js';
import { endLabel } from '../../src-shared/format/summary.js';
import { summaryWire } from '../../src-shared/wire/summary-wire.js';
import { formatRanges, toRanges } from '../../src-shared/wire/ranges.js';
import { describeRequest, formatCount, formatDuration, formatRate, plural } from './format.js';

interface Row {
  label: string;
  cell: (s: ExchangeSummary) => string;
}

const ROWS: readonly Row[] = [
  { label: 'request', cell: (s) => `${describeRequest(s)} over ${s.proto.toUpperCase()}` },
  {
    label: 'bytes',
    cell: (s) =>
      s.expected !== null ? `${formatCount(s.bytes)} of ${formatCount(s.expected)}` : formatCount(s.bytes),
  },
  {
    label: 'lost',
    cell: (s) => (s.expected !== null ? `${formatCount(s.lost)} B (${formatPercent(s.lost, s.expected)})` : '—'),
  },
  { label: 'duration', cell: (s) => formatDuration(s.durationMs) },
  { label: 'throughput', cell: (s) => (s.throughputBps > 0 ? formatRate(s.throughputBps) : '—') },
  {
    label: 'reads / datagrams',
    cell: (s) => (s.proto === 'tcp' ? plural(s.reads, 'read') : plural(s.datagrams, 'datagram')),
  },
  {
    label: 'segments',
    cell: (s) =>
      s.segmentsExpected > 0
        ? `${formatCount(s.segmentsReceived)} of ${formatCount(s.segmentsExpected)}`
        : '—',
  },
  { label: 'missing', cell: (s) => (s.segmentsExpected > 0 ? missingText(s) : '—') },
  {
    label: 'out of order / dup',
    cell: (s) =>
      s.segmentsExpected > 0 ? `${formatCount(s.outOfOrder)} / ${formatCount(s.duplicated)}` : '—',
  },
  { label: 'file_prepared', cell: (s) => (s.prepareMs !== null ? formatDuration(s.prepareMs) : '—') },
  { label: 'ended', cell: (s) => (s.error ? `${endLabel(s.end)}: ${s.error.message}` : endLabel(s.end)) },
  { label: 'conditions', cell: (s) => s.conditions ?? 'none' },
  {
    label: 'on the wire (est.)',
    cell: (s) => {
      const w = summaryWire(s);
      return w.wireBytes > 0
        ? `${formatCount(w.wireBytes)} B, ${(w.efficiency * 100).toFixed(1)} % payload`
        : '—';
    },
  },
];

function missingText(s: ExchangeSummary): string {
  if (s.missing === 0) return '0';
  // The summary keeps the first missing numbers only; say so when there are more.
  const shown = formatRanges(toRanges(s.missingSample), 3);
  return s.missing > s.missingSample.length
    ? `${formatCount(s.missing)} (first: ${shown})`
    : `${formatCount(s.missing)}: ${shown}`;
}

/** Columns are cut to this width so two or three fit a terminal. */
const CELL_MAX_CHARS = 44;

function cut(text: string): string {
  return text.length > CELL_MAX_CHARS ? `${text.slice(0, CELL_MAX_CHARS - 1)}…` : text;
}

export function formatComparison(
  labels: readonly string[],
  summaries: readonly (ExchangeSummary | null)[],
): string {
  const header = ['', ...labels.map(cut)];
  const body = ROWS.map((row) => {
    const cells = summaries.map((s) => (s ? cut(row.cell(s)) : '(no exchange)'));
    const differs = new Set(cells).size > 1;
    return [`${differs ? '≠' : ' '} ${row.label}`, ...cells];
  });
  const table = [header, ...body];
  const widths = header.map((_, col) => Math.max(...table.map((r) => r[col]!.length)));
  return table
    .map((r) =>
      r
        .map((c, col) => c.padEnd(widths[col]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
