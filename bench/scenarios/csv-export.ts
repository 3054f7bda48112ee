// CSV export of a 1,000,000-event journal (streamed from disk with csv-stringify), in a child
// process whose peak RSS is the export's: seconds, and peak RSS beside a 100,000-event export.
import { join } from 'node:path';
import { nodeTsArgs } from '../lib/agent-handle.js';
import type { BenchContext, Scenario } from '../lib/context.js';
import { runProcess } from '../lib/proc.js';
import { BrokenBenchmark, figure, metOrMissed, ratioOf } from '../lib/result.js';
import type { BenchRow } from '../lib/result.js';

const TIME_ROW = {
  title: 'CSV export of a 1,000,000-event journal: time',
  target: '— (memory is the target)',
};
const MEMORY_ROW = {
  title: 'CSV export peak RSS, 1,000,000 vs 100,000 events',
  target: 'no growth with events (≤ 1.2×)',
};
const BIG_EVENTS = 1_000_000;
const SMALL_EVENTS = 100_000;
/** Peak RSS may wobble with GC timing; ten times the events must not cost more than this ratio. */
const GROWTH_MAX_RATIO = 1.2;
const CHILD_TIMEOUT_MS = 300_000;

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

async function exportRuns(ctx: BenchContext, events: number, runs: number): Promise<ExportOutput[]> {
  const journal = join(ctx.tmpDir, `journal-${events}.ndjson`);
  const gen = await child<{ events: number }>(['gen', journal, String(events)]);
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
  return out;
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  // One big export per run is the slow part; the quick bench does it once.
  const runs = ctx.quick ? 1 : Math.min(ctx.runs, 3);
  const small = await exportRuns(ctx, SMALL_EVENTS, runs);
  const big = await exportRuns(ctx, BIG_EVENTS, runs);
  const seconds = figure(
    '',
    's',
    big.map((r) => r.ms / 1000),
  );
  const bigRss = figure(
    '',
    'MB',
    big.map((r) => r.peakRssMB!),
  );
  const smallRss = figure(
    '100k',
    'MB',
    small.map((r) => r.peakRssMB!),
  );
  const ratio = ratioOf(bigRss, smallRss);
  const rowsPerS = figure(
    'rate',
    'rows/s',
    big.map((r) => (BIG_EVENTS / r.ms) * 1000),
  );
  return [
    {
      scenario: TIME_ROW.title,
      figure: seconds,
      reference: null,
      ratio: null,
      target: TIME_ROW.target,
      status: 'info',
      note: '',
      extra: [rowsPerS],
    },
    {
      scenario: MEMORY_ROW.title,
      figure: bigRss,
      reference: smallRss,
      ratio,
      target: MEMORY_ROW.target,
      status: metOrMissed((ratio ?? Infinity) <= GROWTH_MAX_RATIO),
      note: '',
    },
  ];
}

export const csvExport: Scenario = { id: 'csv-export', rows: [TIME_ROW, MEMORY_ROW], run };
