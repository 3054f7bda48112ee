// Event pipeline: engine (EventRecorder) → batches (EventBatcher) → JSON (the bridge's IPC
// payload) → session journal, in a child process of its own; events per second.
import { join } from 'node:path';
import { nodeTsArgs } from '../lib/agent-handle.js';
import type { BenchContext, Scenario } from '../lib/context.js';
import { runProcess } from '../lib/proc.js';
import { BrokenBenchmark, figure, metOrMissed } from '../lib/result.js';
import type { BenchRow } from '../lib/result.js';

const ROW = { title: 'event pipeline: engine → batches → JSON → journal', target: '≥ 200,000 events/s' };
const EVENTS_FULL = 1_000_000;
const EVENTS_QUICK = 300_000;
const TARGET_EVENTS_PER_S = 200_000;
const RUN_TIMEOUT_MS = 120_000;

interface PipelineOutput {
  events: number;
  delivered: number;
  journalEvents: number;
  payloadBytes: number;
  ms: number;
  cpuMs: number;
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const events = ctx.quick ? EVENTS_QUICK : EVENTS_FULL;
  const rates: number[] = [];
  const cpuRates: number[] = [];
  for (let i = 0; i < ctx.heavyRuns; i++) {
    const journal = join(ctx.tmpDir, `pipeline-${i}.ndjson`);
    const r = await runProcess(
      process.execPath,
      nodeTsArgs('pipeline.ts').concat([String(events), journal]),
      {
        timeoutMs: RUN_TIMEOUT_MS,
      },
    );
    if (r.code !== 0) throw new Error(`pipeline child failed: ${r.stderr.trim()}`);
    const out = JSON.parse(r.stdout) as PipelineOutput;
    if (out.delivered !== events || out.journalEvents !== events) {
      throw new BrokenBenchmark(
        `pipeline: ${out.delivered} delivered, ${out.journalEvents} journalled of ${events}`,
      );
    }
    rates.push((events / out.ms) * 1000);
    cpuRates.push((events / out.cpuMs) * 1000);
    ctx.log(
      `  run ${i + 1}: ${events} events in ${out.ms.toFixed(0)} ms (CPU ${out.cpuMs.toFixed(0)} ms) = ${rates.at(-1)!.toFixed(0)} events/s`,
    );
  }
  const mine = figure('', 'events/s', rates);
  return [
    {
      scenario: ROW.title,
      figure: mine,
      reference: null,
      ratio: null,
      target: ROW.target,
      status: metOrMissed(mine.median >= TARGET_EVENTS_PER_S),
      note: `${events.toLocaleString('en-US')} events per run`,
      // Events per second of the child's own CPU time: what the pipeline costs when other work
      // on the machine stretches the wall clock.
      extra: [figure('per CPU-second', 'events/s', cpuRates)],
    },
  ];
}

export const eventPipeline: Scenario = { id: 'event-pipeline', rows: [ROW], run };
