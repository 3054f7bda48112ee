// UDP file of 123,456,789 chars with server and client in ONE lab (one process, each endpoint on
// its own worker thread), at rate 0 beside the plain two-process dgram pair in the same run: the
// sender now outruns the receiver as between two hosts. At the default rate nothing is lost.
import type { EndpointInfo } from '../../src-shared/api.js';
import { UDP_CHUNK_BYTES } from '../../src-shared/protocol/limits.js';
import type { AgentHandle } from '../lib/agent-handle.js';
import { withAgents } from '../lib/agent-handle.js';
import { expectUdpAccounting, serverSummaryFor, summaryOf } from '../lib/checks.js';
import type { BenchContext, Scenario } from '../lib/context.js';
import { BIG_FILE_CHARS, BIG_TRANSFER_TIMEOUT_MS, LOOPBACK, clientConfig } from '../lib/loopback.js';
import { BrokenBenchmark, figure, metOrMissed, ratioOf } from '../lib/result.js';
import type { BenchRow } from '../lib/result.js';
import { mbPerSecond } from '../lib/stats.js';

const UNPACED = {
  title: 'in-app (one lab) UDP 123,456,789 chars at rate 0: % lost',
  target: '≥ 0.5× the plain dgram pair',
};
const PACED = {
  title: 'in-app (one lab) UDP 123,456,789 chars at the default rate: % lost',
  target: '0 %',
};
const MIN_LOSS_RATIO = 0.5;
const IDLE_MS = 1000;

interface Outcome {
  lostPct: number;
  rate: number;
}

/** A NetLab client of `info`: in the server's own lab when `clientAgent` is `serverAgent`. */
async function netlabRun(
  serverAgent: AgentHandle,
  clientAgent: AgentHandle,
  info: EndpointInfo,
  receiveBuffer: 'netlab' | 'os-default' = 'netlab',
): Promise<Outcome> {
  // 'os-default': the client keeps the kernel's default buffer, as the plain pair's receiver does.
  const buffer = receiveBuffer === 'os-default' ? { udpReceiveBufferBytes: 0 } : {};
  const result = await clientAgent.clients(
    {
      config: clientConfig('udp', info, { idleTimeoutMs: IDLE_MS, ...buffer }),
      command: { type: 'file', chars: BIG_FILE_CHARS },
      count: 1,
    },
    BIG_TRANSFER_TIMEOUT_MS,
  );
  const s = summaryOf(result.runs[0], 'in-app UDP file');
  const srv = serverSummaryFor(await serverAgent.serverSummaries(1), BIG_FILE_CHARS, 'in-app UDP file');
  expectUdpAccounting(s, srv, BIG_FILE_CHARS, 'in-app UDP file 123,456,789');
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
  const unpaced: Outcome[] = [];
  const unpacedBigBuffer: Outcome[] = [];
  const paced: Outcome[] = [];
  const plain: Outcome[] = [];
  const twoProcess: Outcome[] = [];
  await withAgents(['lab', 'peer'], async ([lab, peer]) => {
    const fast = await lab!.startServer({ proto: 'udp', host: LOOPBACK, port: 0, udpRateBytesPerSec: 0 });
    const normal = await lab!.startServer({ proto: 'udp', host: LOOPBACK, port: 0 });
    for (let i = 0; i < ctx.heavyRuns; i++) {
      unpaced.push(await netlabRun(lab!, lab!, fast, 'os-default'));
      plain.push(await plainRun(lab!, peer!));
      unpacedBigBuffer.push(await netlabRun(lab!, lab!, fast));
      // The same NetLab server and client in two processes: what one lab should now match.
      twoProcess.push(await netlabRun(lab!, peer!, fast));
      paced.push(await netlabRun(lab!, lab!, normal));
      const [u, p, n, d] = [unpaced.at(-1)!, plain.at(-1)!, twoProcess.at(-1)!, paced.at(-1)!];
      const b = unpacedBigBuffer.at(-1)!;
      ctx.log(
        `  run ${i + 1}: in-app rate 0 ${u.lostPct.toFixed(2)} % lost ${u.rate.toFixed(0)} MB/s; ` +
          `in-app rate 0, 8 MiB buffer ${b.lostPct.toFixed(2)} % lost; ` +
          `plain ${p.lostPct.toFixed(2)} % lost ${p.rate.toFixed(0)} MB/s; ` +
          `NetLab two processes ${n.lostPct.toFixed(2)} % lost ${n.rate.toFixed(0)} MB/s; ` +
          `in-app default rate ${d.lostPct.toFixed(2)} % lost ${d.rate.toFixed(0)} MB/s`,
      );
    }
  });
  const mine = figure(
    '',
    '%',
    unpaced.map((o) => o.lostPct),
  );
  const reference = figure(
    'plain',
    '%',
    plain.map((o) => o.lostPct),
  );
  const pacedLost = figure(
    '',
    '%',
    paced.map((o) => o.lostPct),
  );
  const rates = (label: string, os: Outcome[]) =>
    figure(
      label,
      'MB/s',
      os.map((o) => o.rate),
    );
  return [
    {
      scenario: UNPACED.title,
      figure: mine,
      reference,
      ratio: ratioOf(mine, reference),
      target: UNPACED.target,
      status: metOrMissed(mine.median >= MIN_LOSS_RATIO * reference.median),
      // Like for like: the in-app client keeps the OS default receive buffer, as the plain pair's
      // receiver does. With NetLab's own 8 MiB request (capped at rmem_max) it loses less, in one
      // lab as in two processes: both are shown beside it.
      note: 'server and client on two worker threads of one process; client receive buffer: the OS default, as the plain pair',
      extra: [
        figure(
          'in-app, 8 MiB receive buffer',
          '% lost',
          unpacedBigBuffer.map((o) => o.lostPct),
        ),
        figure(
          'NetLab in two processes',
          '% lost',
          twoProcess.map((o) => o.lostPct),
        ),
        rates('in-app', unpaced),
        rates('plain', plain),
      ],
    },
    {
      scenario: PACED.title,
      figure: pacedLost,
      reference: null,
      ratio: null,
      target: PACED.target,
      status: metOrMissed(pacedLost.max === 0),
      note: '',
      extra: [rates('in-app', paced)],
    },
  ];
}

export const udpInApp: Scenario = { id: 'udp-in-app', rows: [UNPACED, PACED], run };
