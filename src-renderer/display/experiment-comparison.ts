// An experiment's runs side by side: one row per figure, one cell per run, and whether the runs
// differ on that row (what a student compares first). Pure, so the view only lays it out.
import { describeEnding, RATE_UNMEASURABLE } from '../../src-shared/endings.js';
import type { ExchangeSummary, LinkDirectionStats, LinkDropCause } from '../../src-shared/events.js';
import type { ExperimentRunResult } from '../../src-shared/experiments/run-experiment.js';
import { formatRanges, toRanges } from '../../src-shared/wire/ranges.js';
import { summaryWire } from '../../src-shared/wire/summary-wire.js';
import { fmtInt, fmtMs, fmtPercent, fmtRate } from './format.js';

export interface ComparisonRow {
  label: string;
  cells: string[];
  /** The runs that have a summary do not all read the same. */
  differs: boolean;
}

/** What the request was, as a student would type it: `echo "hi"`, `file 1,000,000`, `stream 10 ms × 1,000 × 1,024 B`. */
export function requestText(s: Pick<ExchangeSummary, 'command' | 'request' | 'proto'>): string {
  const over = ` over ${s.proto.toUpperCase()}`;
  if (s.command === 'echo') return `echo ${JSON.stringify(s.request)}${over}`;
  if (s.command === 'file' && /^\d+$/.test(s.request)) return `file ${fmtInt(Number(s.request))}${over}`;
  const m = /^stream-([^-]+)-(\d+)-(\d+)$/.exec(s.request);
  if (s.command === 'stream' && m) return `stream ${m[1]} ms × ${fmtInt(Number(m[2]))} × ${fmtInt(Number(m[3]))} B${over}`;
  return `${s.request === '' ? '(empty request)' : JSON.stringify(s.request)}${over}`;
}

/** "813: 2,009–2,821 (813)"; the summary keeps only the first missing numbers, and says so. */
export function missingText(s: Pick<ExchangeSummary, 'missing' | 'missingSample' | 'segmentsExpected'>): string {
  if (s.segmentsExpected === 0) return '—';
  if (s.missing === 0) return 'none';
  const shown = formatRanges(toRanges(s.missingSample), 4);
  return s.missing > s.missingSample.length
    ? `${fmtInt(s.missing)} (first: ${shown})`
    : `${fmtInt(s.missing)}: ${shown}`;
}

export function droppedCount(d: LinkDirectionStats): number {
  return (Object.values(d.dropped) as number[]).reduce((a, b) => a + b, 0);
}

const CAUSE_NAMES: Record<LinkDropCause, string> = { random: 'random', burst: 'burst', queue: 'queue full', mtu: 'over MTU' };

/** "98 of 1,000 (random 98)", "0"; TCP: "0 · 98 held back (retransmission delay)". */
export function dropsText(d: LinkDirectionStats): string {
  const total = droppedCount(d);
  // TCP never loses a byte: a "lost" chunk is held back for the retransmission delay instead.
  const held = d.held ? ` · ${fmtInt(d.held)} held back (retransmission delay)` : '';
  if (total === 0) return `0${held}`;
  const causes = (Object.keys(CAUSE_NAMES) as LinkDropCause[])
    .filter((c) => d.dropped[c] > 0)
    .map((c) => `${CAUSE_NAMES[c]} ${fmtInt(d.dropped[c])}`);
  return `${fmtInt(total)} of ${fmtInt(d.packetsIn)} (${causes.join(', ')})${held}`;
}

interface RowSpec {
  label: string;
  cell: (r: ExperimentRunResult, s: ExchangeSummary) => string;
  /** Shown only when some run has what it needs. */
  when?: (runs: readonly ExperimentRunResult[]) => boolean;
}

const anyLink = (runs: readonly ExperimentRunResult[]): boolean => runs.some((r) => r.link?.link);

const ROWS: readonly RowSpec[] = [
  { label: 'request', cell: (_r, s) => requestText(s) },
  {
    label: 'bytes received',
    cell: (_r, s) => (s.expected !== null ? `${fmtInt(s.bytes)} of ${fmtInt(s.expected)}` : fmtInt(s.bytes)),
  },
  {
    label: 'lost',
    cell: (_r, s) => (s.expected !== null ? `${fmtInt(s.lost)} B (${fmtPercent(s.lost, s.expected)})` : '—'),
  },
  { label: 'server sent', cell: (r) => (r.server ? `${fmtInt(r.server.bytes)} B` : '—') },
  { label: 'duration', cell: (_r, s) => fmtMs(s.durationMs) },
  {
    label: 'throughput',
    cell: (_r, s) => (s.throughputBps > 0 ? fmtRate(s.throughputBps) : s.bytes > 0 ? RATE_UNMEASURABLE : '—'),
  },
  {
    label: 'reads / datagrams',
    cell: (_r, s) => (s.proto === 'tcp' ? `${fmtInt(s.reads)} socket reads` : `${fmtInt(s.datagrams)} datagrams`),
  },
  {
    label: 'segments',
    cell: (_r, s) =>
      s.segmentsExpected > 0 ? `${fmtInt(s.segmentsReceived)} of ${fmtInt(s.segmentsExpected)}` : '—',
  },
  { label: 'missing segments', cell: (_r, s) => missingText(s) },
  {
    label: 'out of order / duplicated',
    cell: (_r, s) => (s.segmentsExpected > 0 ? `${fmtInt(s.outOfOrder)} / ${fmtInt(s.duplicated)}` : '—'),
  },
  { label: 'file_prepared after', cell: (_r, s) => (s.prepareMs !== null ? fmtMs(s.prepareMs) : '—') },
  { label: 'how it ended', cell: (_r, s) => describeEnding(s) },
  { label: 'conditions', cell: (_r, s) => s.conditions ?? 'none (direct)' },
  {
    label: 'link dropped → server',
    cell: (r) => (r.link?.link ? dropsText(r.link.link.upstream) : '—'),
    when: anyLink,
  },
  {
    label: 'link dropped → client',
    cell: (r) => (r.link?.link ? dropsText(r.link.link.downstream) : '—'),
    when: anyLink,
  },
  {
    label: 'link duplicated / reordered',
    cell: (r) => {
      const l = r.link?.link;
      if (!l) return '—';
      return `${fmtInt(l.upstream.duplicated + l.downstream.duplicated)} / ${fmtInt(l.upstream.reordered + l.downstream.reordered)}`;
    },
    when: anyLink,
  },
  {
    label: 'on the wire (estimate)',
    cell: (_r, s) => {
      const w = summaryWire(s);
      return w.wireBytes > 0 ? `${fmtInt(w.wireBytes)} B, ${(w.efficiency * 100).toFixed(1)} % payload` : '—';
    },
  },
];

/** The rows of the comparison; a run without a client summary reads "did not run" in every row. */
export function comparisonRows(runs: readonly ExperimentRunResult[]): ComparisonRow[] {
  return ROWS.filter((row) => !row.when || row.when(runs)).map((row) => {
    const cells = runs.map((r) => (r.client ? row.cell(r, r.client) : '—'));
    const present = runs.flatMap((r, i) => (r.client ? [cells[i]!] : []));
    return { label: row.label, cells, differs: new Set(present).size > 1 };
  });
}
