// UDP file of 123,456,789 chars: % lost and MB/s beside a plain Node dgram sender/receiver pair
// moving the same bytes in the same 1120-byte datagrams, each side in its own process too.
// Accounting is exact: lost = sent − received, cross-checked with the server's own count.
import type { EndpointInfo } from '../../src-shared/api.js';
import { UDP_CHUNK_BYTES } from '../../src-shared/protocol/limits.js';
import type { AgentHandle } from '../lib/agent-handle.js';
import { withAgents } from '../lib/agent-handle.js';
import { expectUdpAccounting, serverSummaryFor, summaryOf } from '../lib/checks.js';
import type { BenchContext, Scenario } from '../lib/context.js';
import { BIG_FILE_CHARS, BIG_TRANSFER_TIMEOUT_MS, LOOPBACK, clientConfig } from '../lib/loopback.js';
import { BrokenBenchmark, figure, metOrMissed } from '../lib/result.js';
import type { BenchRow } from '../lib/result.js';
import { mbPerSecond } from '../lib/stats.js';

const TITLE = 'UDP file 123,456,789 chars: % lost';
const TARGET = '≤ plain dgram pair, exact accounting';
/** Both receivers call the transfer over after this much silence (shorter than the classic 2 s). */
const IDLE_MS = 1000;

interface Outcome {
  lostPct: number;
  rate: number;
}

async function netlabRun(server: AgentHandle, client: AgentHandle, info: EndpointInfo): Promise<Outcome> {
  const result = await client.clients(
    {
      config: clientConfig('udp', info, { idleTimeoutMs: IDLE_MS }),
      command: { type: 'file', chars: BIG_FILE_CHARS },
      count: 1,
    },
    BIG_TRANSFER_TIMEOUT_MS,
  );
  const s = summaryOf(result.runs[0], 'UDP file');
  const srv = serverSummaryFor(await server.serverSummaries(1), BIG_FILE_CHARS, 'UDP file');
  expectUdpAccounting(s, srv, BIG_FILE_CHARS, 'UDP file 123,456,789');
  return { lostPct: (100 * s.lost) / srv.bytes, rate: mbPerSecond(s.bytes, s.durationMs) };
}

async function plainRun(sender: AgentHandle, receiver: AgentHandle): Promise<Outcome> {
  const { port } = await receiver.plainReceive(IDLE_MS, BIG_FILE_CHARS);
  const sent = await sender.plainSend(port, BIG_FILE_CHARS, UDP_CHUNK_BYTES, BIG_TRANSFER_TIMEOUT_MS);
  const got = await receiver.plainReceiveResult(BIG_TRANSFER_TIMEOUT_MS);
  if (got.bytes > sent.bytes)
    throw new BrokenBenchmark(`plain pair: received ${got.bytes} > sent ${sent.bytes}`);
  return { lostPct: (100 * (sent.bytes - got.bytes)) / sent.bytes, rate: mbPerSecond(got.bytes, got.ms) };
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const mine: Outcome[] = [];
  const plain: Outcome[] = [];
  await withAgents(['server', 'client'], async ([server, client]) => {
    const info = await server!.startServer({ proto: 'udp', host: LOOPBACK, port: 0 });
    for (let i = 0; i < ctx.heavyRuns; i++) {
      mine.push(await netlabRun(server!, client!, info));
      // The same two processes play the plain pair: the server's sends, the client's receives.
      plain.push(await plainRun(server!, client!));
      const [m, p] = [mine.at(-1)!, plain.at(-1)!];
      ctx.log(
        `  run ${i + 1}: NetLab ${m.lostPct.toFixed(2)} % lost ${m.rate.toFixed(0)} MB/s; plain ${p.lostPct.toFixed(2)} % lost ${p.rate.toFixed(0)} MB/s`,
      );
    }
  });
  const lost = figure(
    '',
    '%',
    mine.map((o) => o.lostPct),
  );
  const plainLost = figure(
    'plain',
    '%',
    plain.map((o) => o.lostPct),
  );
  return [
    {
      scenario: TITLE,
      figure: lost,
      reference: plainLost,
      ratio: null,
      target: TARGET,
      status: metOrMissed(lost.median <= plainLost.median),
      note: '',
      extra: [
        figure(
          'NetLab',
          'MB/s',
          mine.map((o) => o.rate),
        ),
        figure(
          'plain',
          'MB/s',
          plain.map((o) => o.rate),
        ),
      ],
    },
  ];
}

export const udpFileBig: Scenario = { id: 'udp-file-big', rows: [{ title: TITLE, target: TARGET }], run };
