// UDP file of 10,000,000 chars with default settings: bytes lost (client) beside the bytes the
// server says it sent. On loopback nothing should be lost (the classic tool loses 7–20 %).
import { withAgents } from '../lib/agent-handle.js';
import { expectUdpAccounting, serverSummaryFor, summaryOf } from '../lib/checks.js';
import type { BenchContext, Scenario } from '../lib/context.js';
import { LOOPBACK, clientConfig } from '../lib/loopback.js';
import { figure, metOrMissed } from '../lib/result.js';
import type { BenchRow } from '../lib/result.js';
import { mbPerSecond } from '../lib/stats.js';

const FILE_CHARS = 10_000_000;
const TITLE = 'UDP file 10,000,000 chars (defaults): bytes lost';
const TARGET = '0 lost';
/** The default 2 s idle timeout ends each run; this bounds one run with room to spare. */
const RUN_TIMEOUT_MS = 60_000;

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const lost: number[] = [];
  const sent: number[] = [];
  const rates: number[] = [];
  await withAgents(['server', 'client'], async ([server, client]) => {
    const info = await server!.startServer({ proto: 'udp', host: LOOPBACK, port: 0 });
    for (let i = 0; i < ctx.runs; i++) {
      const result = await client!.clients(
        { config: clientConfig('udp', info), command: { type: 'file', chars: FILE_CHARS }, count: 1 },
        RUN_TIMEOUT_MS,
      );
      const s = summaryOf(result.runs[0], 'UDP file');
      const srv = serverSummaryFor(await server!.serverSummaries(1), FILE_CHARS, 'UDP file');
      expectUdpAccounting(s, srv, FILE_CHARS, 'UDP file 10,000,000');
      lost.push(s.lost);
      sent.push(srv.bytes);
      rates.push(mbPerSecond(s.bytes, s.durationMs));
      ctx.log(`  run ${i + 1}: lost ${s.lost} of ${srv.bytes} bytes, ${rates.at(-1)!.toFixed(0)} MB/s`);
    }
  });
  const mine = figure('', 'bytes', lost);
  return [
    {
      scenario: TITLE,
      figure: mine,
      reference: figure('server sent', 'bytes', sent),
      ratio: null,
      target: TARGET,
      status: metOrMissed(mine.max === 0),
      note: '',
      extra: [figure('rate', 'MB/s', rates)],
    },
  ];
}

export const udpFile10m: Scenario = { id: 'udp-file-10m', rows: [{ title: TITLE, target: TARGET }], run };
