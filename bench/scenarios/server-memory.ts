// Server memory while it sends the 123,456,789-char TCP file: peak RSS of the server process
// (VmHWM, reset before each transfer, plus 20 ms samples) beside the same server idle.
import { withAgents } from '../lib/agent-handle.js';
import { expectExact, summaryOf } from '../lib/checks.js';
import type { BenchContext, Scenario } from '../lib/context.js';
import { BIG_FILE_CHARS, BIG_TRANSFER_TIMEOUT_MS, LOOPBACK, clientConfig } from '../lib/loopback.js';
import { readProcMemory, resetPeakRss, RssSampler } from '../lib/proc-mem.js';
import { figure, metOrMissed, ratioOf } from '../lib/result.js';
import type { BenchRow } from '../lib/result.js';

const TITLE = 'server peak RSS while sending the TCP file';
const TARGET = 'peak ≤ 80 MB';
const PEAK_MAX_MB = 80;
/** Lets the freshly started server settle (lazy module loads, first GC) before "idle" is read. */
const IDLE_SETTLE_MS = 500;

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const peaks: number[] = [];
  const idles: number[] = [];
  await withAgents(['server', 'client'], async ([server, client]) => {
    const info = await server!.startServer({ proto: 'tcp', host: LOOPBACK, port: 0 });
    // A small exchange first, so "idle" is a server that has served, not one that never ran.
    await client!.clients(
      { config: clientConfig('tcp', info), command: { type: 'file', chars: 1000 }, count: 1 },
      10_000,
    );
    await new Promise((r) => setTimeout(r, IDLE_SETTLE_MS));
    const runs = ctx.heavyRuns;
    for (let i = 0; i < runs; i++) {
      const idle = readProcMemory(server!.pid);
      if (!idle) throw new Error('cannot read /proc/PID/status of the server');
      idles.push(idle.rssMB);
      resetPeakRss(server!.pid);
      const sampler = new RssSampler(server!.pid);
      sampler.start();
      const result = await client!.clients(
        { config: clientConfig('tcp', info), command: { type: 'file', chars: BIG_FILE_CHARS }, count: 1 },
        BIG_TRANSFER_TIMEOUT_MS,
      );
      peaks.push(sampler.stop());
      expectExact(summaryOf(result.runs[0], 'TCP file'), BIG_FILE_CHARS, 'TCP file (memory run)');
      ctx.log(`  run ${i + 1}: idle ${idles.at(-1)!.toFixed(1)} MB, peak ${peaks.at(-1)!.toFixed(1)} MB`);
    }
  });
  const mine = figure('', 'MB', peaks);
  const reference = figure('idle', 'MB', idles);
  const ratio = ratioOf(mine, reference);
  const growth = mine.median - reference.median;
  return [
    {
      scenario: TITLE,
      figure: mine,
      reference,
      ratio,
      target: TARGET,
      status: metOrMissed(mine.max <= PEAK_MAX_MB),
      note: `+${growth.toFixed(1)} MB over idle`,
    },
  ];
}

export const serverMemory: Scenario = { id: 'server-memory', rows: [{ title: TITLE, target: TARGET }], run };
