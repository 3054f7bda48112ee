// 200 concurrent TCP clients × a 1,000,000-char file: aggregate MB/s (all bytes ÷ first request
// to last FIN) beside one client alone (median of several), every byte count exact on both ends.
import type { EndpointInfo } from '../../src-shared/api.js';
import type { AgentHandle } from '../lib/agent-handle.js';
import { withAgents } from '../lib/agent-handle.js';
import { expectExact, expectSent, summaryOf } from '../lib/checks.js';
import type { BenchContext, Scenario } from '../lib/context.js';
import { LOOPBACK, clientConfig } from '../lib/loopback.js';
import { BrokenBenchmark, figure, metOrMissed, ratioOf } from '../lib/result.js';
import type { BenchRow } from '../lib/result.js';
import { mbPerSecond, median } from '../lib/stats.js';

const ROW = {
  title: '200 concurrent TCP clients × 1,000,000-char file',
  target: '≥ 0.8× one client, all exact',
};
const CLIENTS = 200;
const FILE_CHARS = 1_000_000;
const RATIO_MIN = 0.8;
const RUN_TIMEOUT_MS = 120_000;
/** One 1 MB transfer takes a few ms, so one client alone is timed several times per run. */
const SINGLE_REPEATS = 10;

/** Runs `count` clients at once; returns aggregate MB/s after checking every count on both ends. */
async function aggregate(
  server: AgentHandle,
  client: AgentHandle,
  info: EndpointInfo,
  count: number,
): Promise<number> {
  const result = await client.clients(
    { config: clientConfig('tcp', info), command: { type: 'file', chars: FILE_CHARS }, count },
    RUN_TIMEOUT_MS,
  );
  for (const run of result.runs)
    expectExact(summaryOf(run, `${count} clients`), FILE_CHARS, `${count} clients`);
  const sent = await server.serverSummaries(count);
  if (sent.length !== count) throw new BrokenBenchmark(`${count} clients: ${sent.length} server summaries`);
  for (const s of sent) expectSent(s, FILE_CHARS, `${count} clients`);
  return mbPerSecond(count * FILE_CHARS, result.wallMs);
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const many: number[] = [];
  const one: number[] = [];
  await withAgents(['server', 'client'], async ([server, client]) => {
    // Every client is on this one host: raise the per-host cap (default 64) to let all of them in.
    const info = await server!.startServer({ proto: 'tcp', host: LOOPBACK, port: 0, maxConnectionsPerHost: CLIENTS });
    for (let i = 0; i < ctx.runs; i++) {
      const singles: number[] = [];
      for (let k = 0; k < SINGLE_REPEATS; k++) singles.push(await aggregate(server!, client!, info, 1));
      one.push(median(singles));
      many.push(await aggregate(server!, client!, info, CLIENTS));
      ctx.log(
        `  run ${i + 1}: one client ${one.at(-1)!.toFixed(0)} MB/s, ${CLIENTS} clients ${many.at(-1)!.toFixed(0)} MB/s`,
      );
    }
  });
  const mine = figure('', 'MB/s', many);
  const reference = figure('one client', 'MB/s', one);
  const ratio = ratioOf(mine, reference);
  return [
    {
      scenario: ROW.title,
      figure: mine,
      reference,
      ratio,
      target: ROW.target,
      status: metOrMissed((ratio ?? 0) >= RATIO_MIN),
      note: '',
    },
  ];
}

export const tcpConcurrent: Scenario = { id: 'tcp-concurrent', rows: [ROW], run };
