// TCP file of 123,456,789 chars, NetLab server → NetLab client (request to FIN), beside nc moving
// the same bytes over loopback and iperf3 -n, interleaved run by run so drift hits all alike.
import { join } from 'node:path';
import { withAgents } from '../lib/agent-handle.js';
import { expectExact, expectSent, serverSummaryFor, summaryOf } from '../lib/checks.js';
import type { BenchContext, Scenario } from '../lib/context.js';
import { BIG_FILE_CHARS, BIG_TRANSFER_TIMEOUT_MS, LOOPBACK, clientConfig } from '../lib/loopback.js';
import { ReferenceRuns } from '../lib/reference-row.js';
import { ensurePayloadFile, iperf3Transfer, ncTransfer } from '../lib/reference-tcp.js';
import { figure } from '../lib/result.js';
import type { BenchRow } from '../lib/result.js';
import { mbPerSecond } from '../lib/stats.js';

const NC_ROW = { title: 'TCP file 123,456,789 chars, vs nc', target: '≥ 1.2× nc' };
const IPERF_ROW = { title: 'TCP file 123,456,789 chars, vs iperf3 -n', target: '≥ 0.3× iperf3' };
const NC_RATIO_MIN = 1.2;
const IPERF_RATIO_MIN = 0.3;

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const nc = new ReferenceRuns('nc', 'MB/s', ctx.tools.nc);
  const iperf3 = new ReferenceRuns('iperf3', 'MB/s', ctx.tools.iperf3);
  const payload = join(ctx.tmpDir, `payload-${BIG_FILE_CHARS}.bin`);
  if (ctx.tools.nc.path) ensurePayloadFile(payload, BIG_FILE_CHARS);
  const netlab: number[] = [];
  await withAgents(['server', 'client'], async ([server, client]) => {
    const info = await server!.startServer({ proto: 'tcp', host: LOOPBACK, port: 0 });
    for (let i = 0; i < ctx.runs; i++) {
      const result = await client!.clients(
        { config: clientConfig('tcp', info), command: { type: 'file', chars: BIG_FILE_CHARS }, count: 1 },
        BIG_TRANSFER_TIMEOUT_MS,
      );
      const s = summaryOf(result.runs[0], 'TCP file');
      expectExact(s, BIG_FILE_CHARS, 'TCP file (client)');
      expectSent(
        serverSummaryFor(await server!.serverSummaries(1), BIG_FILE_CHARS, 'TCP file'),
        BIG_FILE_CHARS,
        'TCP file',
      );
      netlab.push(mbPerSecond(s.bytes, s.durationMs));
      await nc.measure((path) => ncTransfer(path, payload, BIG_FILE_CHARS));
      await iperf3.measure((path) => iperf3Transfer(path, BIG_FILE_CHARS));
      ctx.log(
        `  run ${i + 1}: NetLab ${netlab.at(-1)!.toFixed(0)} MB/s, nc ${nc.last}, iperf3 ${iperf3.last}`,
      );
    }
  });
  const mine = figure('', 'MB/s', netlab);
  return [
    nc.ratioRow(NC_ROW.title, NC_ROW.target, mine, NC_RATIO_MIN),
    iperf3.ratioRow(IPERF_ROW.title, IPERF_ROW.target, mine, IPERF_RATIO_MIN),
  ];
}

export const tcpFile: Scenario = { id: 'tcp-file', rows: [NC_ROW, IPERF_ROW], run };
