// The lab-report CSV: one numeric row per exchange, the figures a report needs as their own
// columns (not free text), so a spreadsheet can sum, chart and compare them directly.
import type { ExchangeSummary } from './events.js';
import { summaryWire } from './wire/summary-wire.js';

export const SUMMARY_CSV_COLUMNS = [
  'exchange',
  'endpoint',
  'role',
  'label',
  'protocol',
  'command',
  'request',
  'expected',
  'bytes',
  'lost',
  'lost_pct',
  'duration_ms',
  'throughput_Bps',
  'reads',
  'datagrams',
  'segments_expected',
  'segments_received',
  'segments_missing',
  'segments_out_of_order',
  'segments_duplicated',
  'prepare_ms',
  'end',
  'error',
  'conditions',
  'wire_bytes_est',
  'efficiency_est',
  'local',
  'remote',
] as const;

/** Numbers stay numbers (empty when unknown); text cells are neutralised by the CSV writer. */
export function summaryToCsvRow(s: ExchangeSummary, label = ''): (string | number)[] {
  const wire = summaryWire(s);
  return [
    s.exchange,
    s.endpoint,
    s.role,
    label,
    s.proto,
    s.command ?? '',
    s.request,
    s.expected ?? '',
    s.bytes,
    s.lost,
    s.expected ? round(100 * (s.lost / s.expected), 3) : '',
    round(s.durationMs, 3),
    Math.round(s.throughputBps),
    s.reads,
    s.datagrams,
    s.segmentsExpected,
    s.segmentsReceived,
    s.missing,
    s.outOfOrder,
    s.duplicated,
    s.prepareMs === null ? '' : round(s.prepareMs, 3),
    s.end,
    s.error ? s.error.message : '',
    s.conditions ?? '',
    wire.wireBytes,
    round(wire.efficiency, 4),
    s.local,
    s.remote,
  ];
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
