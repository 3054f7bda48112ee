// The facts Compare lines up, one row per fact and one cell per exchange, and which rows differ.
// Pure, so the component stays a table and the test can check the highlighting on data.
import { RATE_UNMEASURABLE } from '../../src-shared/endings.js';
import type { ExchangeSummary } from '../../src-shared/events.js';
import { formatRanges, toRanges } from '../../src-shared/wire/ranges.js';
import { summaryWire } from '../../src-shared/wire/summary-wire.js';
import { fmtInt, fmtMs, fmtPercent, fmtRate } from './format.js';
import { commandText, resultOf } from './exchange-result.js';

export interface CompareRow {
  key: string;
  label: string;
  cells: string[];
  /** True when the exchanges do not all read the same. */
  differs: boolean;
  /** What the row counts, for the row header's tooltip. */
  hint?: string;
}

interface Fact {
  key: string;
  label: string;
  hint?: string;
  cell(s: ExchangeSummary): string;
}

const FACTS: Fact[] = [
  { key: 'proto', label: 'Protocol', cell: (s) => s.proto.toUpperCase() },
  { key: 'command', label: 'Command', cell: (s) => commandText(s.request, s.command) },
  { key: 'result', label: 'Result', cell: (s) => resultOf(s).word },
  {
    key: 'bytes',
    label: 'Bytes',
    hint: 'Payload received (client) or sent (server), of what was expected',
    cell: (s) => `${fmtInt(s.bytes)}${s.expected !== null ? ` of ${fmtInt(s.expected)} (${fmtPercent(s.bytes, s.expected)})` : ''}`,
  },
  { key: 'lost', label: 'Lost', cell: (s) => (s.expected === null ? 'unknown' : `${fmtInt(s.lost)} bytes`) },
  { key: 'duration', label: 'Duration', cell: (s) => fmtMs(s.durationMs) },
  {
    key: 'throughput',
    label: 'Throughput',
    cell: (s) => (s.throughputBps === 0 && s.bytes > 0 ? RATE_UNMEASURABLE : fmtRate(s.throughputBps)),
  },
  {
    key: 'packets',
    label: 'Reads / datagrams',
    hint: 'TCP: socket reads (not segments on the wire). UDP: datagrams, one per message.',
    cell: (s) => (s.proto === 'tcp' ? `${fmtInt(s.reads)} reads` : `${fmtInt(s.datagrams)} datagrams`),
  },
  {
    key: 'missing',
    label: 'Missing',
    hint: 'Stream segments that never arrived, by sequence number',
    cell: (s) => {
      if (s.segmentsExpected === 0) return '—';
      if (s.missing === 0) return 'none';
      const shown = formatRanges(toRanges(s.missingSample), 4);
      const more = s.missing - s.missingSample.length;
      return `${fmtInt(s.missing)}: ${shown}${more > 0 ? ` and ${fmtInt(more)} more` : ''}`;
    },
  },
  { key: 'conditions', label: 'Conditions', cell: (s) => s.conditions ?? 'none' },
  {
    key: 'wire',
    label: 'On the wire (est.)',
    hint: 'Estimated Ethernet bytes for the payload: headers added per packet (src-shared/wire); the kernel decides the real TCP segments',
    cell: (s) => {
      const w = summaryWire(s);
      if (w.wireBytes === 0) return '—';
      return `${fmtInt(w.wireBytes)} bytes, ${fmtInt(w.packets)} packets (${(w.efficiency * 100).toFixed(1)} % payload)`;
    },
  },
  { key: 'ended', label: 'How it ended', cell: (s) => resultOf(s).sentence },
];

export function compareRows(summaries: readonly ExchangeSummary[]): CompareRow[] {
  return FACTS.map((f) => {
    const cells = summaries.map((s) => f.cell(s));
    return { key: f.key, label: f.label, hint: f.hint, cells, differs: new Set(cells).size > 1 };
  });
}
