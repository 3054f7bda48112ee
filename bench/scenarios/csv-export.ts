// CSV export of a 1,000,000-event journal (streamed from disk with csv-stringify), in a child
// process whose peak RSS is the export's: seconds, and peak RSS beside a 100,000-event export.
// The quick bench halves both sizes: the growth, not the size, is what it checks.
import { join } from 'node:path';
import { nodeTsArgs } from '../lib/agent-handle.js';
import type { BenchContext, Scenario } from '../lib/context.js';
import { runProcess } from '../lib/proc.js';
import { BrokenBenchmark, figure, metOrMissed, ratioOf } from '../lib/result.js';
import type { BenchRow } from '../lib/result.js';

const TIME_ROW = { title: 'CSV export of the session journal: time', target: '— (memory is the target)' };
const MEMORY_ROW = {
  title: 'CSV export peak RSS, 10× the events',
  target: 'no growth with events (< 10 % of the extra journal)',
};
const BIG_EVENTS = 1_000_000;
const SMALL_EVENTS = 100_000;
const QUICK_DIVISOR = 2;
/**
 * An export that held its rows would grow by at least the extra journal's size; one that streams
 * grows only while V8 sizes its heap. A tenth of the extra journal tells the two apart.
 */
const GROWTH_MAX_SHARE = 0.1;
const CHILD_TIMEOUT_MS = 300_000;
const MB = 1024 * 1024;

async function child<T>(args: string[]): Promise<T> {
  const r = await runProcess(process.execPath, nodeTsArgs('csv-journal.ts').concat(args), {
    timeoutMs: CHILD_TIMEOUT_MS,
  });
  if (r.code !== 0) throw new Error(`csv child ${args[0]} failed: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout) as T;
}

interface ExportOutput {
  rows: number;
  ms: number;
  peakRssMB: number | null;
}

interface Exports {
  journalMB: number;
  runs: ExportOutput[];
}

async function exportRuns(ctx: BenchContext, events: number, runs: number): Promise<Exports> {
  const journal = join(ctx.tmpDir, `journal-${events}.ndjson`);
  const gen = await child<{ events: number; bytes: number }>(['gen', journal, String(events)]);
  if (gen.events !== events) throw new BrokenBenchmark(`journal has ${gen.events} of ${events} events`);
  const out: ExportOutput[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await child<ExportOutput>(['export', journal, join(ctx.tmpDir, `export-${events}.csv`)]);
    if (r.rows !== events) throw new BrokenBenchmark(`CSV export wrote ${r.rows} rows for ${events} events`);
    if (r.peakRssMB === null) throw new Error('no /proc/self/status: peak RSS unknown');
    out.push(r);
    ctx.log(
      `  ${events} events, run ${i + 1}: ${(r.ms / 1000).toFixed(2)} s, peak RSS ${r.peakRssMB.toFixed(1)} MB`,
    );
  }
  return { journalMB: gen.bytes / MB, runs: out };
}

const grouped = (n: number): string => n.toLocaleString('en-US');

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const [bigEvents, smallEvents] = ctx.quick
    ? [BIG_EVENTS / QUICK_DIVISOR, SMALL_EVENTS / QUICK_DIVISOR]
    : [BIG_EVENTS, SMALL_EVENTS];
  const small = await exportRuns(ctx, smallEvents, ctx.heavyRuns);
  const big = await exportRuns(ctx, bigEvents, ctx.heavyRuns);
  const seconds = figure(
    '',
    's',
    big.runs.map((r) => r.ms / 1000),
  );
  const rowsPerS = figure(
    'rate',
    'rows/s',
    big.runs.map((r) => (bigEvents / r.ms) * 1000),
  );
  const bigRss = figure(
    '',
    'MB',
    big.runs.map((r) => r.peakRssMB!),
  );
  const smallRss = figure(
    `${grouped(smallEvents)} events:`,
    'MB',
    small.runs.map((r) => r.peakRssMB!),
  );
  const growthMB = bigRss.median - smallRss.median;
  const extraJournalMB = big.journalMB - small.journalMB;
  const growth = `+${growthMB.toFixed(1)} MB of RSS for +${extraJournalMB.toFixed(0)} MB of journal`;
  return [
    {
      scenario: TIME_ROW.title,
      figure: seconds,
      reference: null,
      ratio: null,
      target: TIME_ROW.target,
      status: 'info',
      note: `${grouped(bigEvents)} events`,
      extra: [rowsPerS],
    },
    {
      scenario: MEMORY_ROW.title,
      figure: bigRss,
      reference: smallRss,
      ratio: ratioOf(bigRss, smallRss),
      target: MEMORY_ROW.target,
      status: metOrMissed(growthMB < GROWTH_MAX_SHARE * extraJournalMB),
      note: `${grouped(bigEvents)} events: ${growth}`,
    },
  ];
}

export const csvExport: Scenario = { id: 'csv-export', rows: [TIME_ROW, MEMORY_ROW], run };
