// The network-conditions link over TCP, server, link and client each in its own process: a
// 10,000,000-char file through 1 MB/s (throughput against the rate, the server's peak RSS against
// the same server idle: backpressure, not buffering), and the 123,456,789-char file through a
// perfect link beside the same file sent direct in the same run.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { EndpointInfo } from '../../src-shared/api.js';
import { nodeTsArgs, withAgents } from '../lib/agent-handle.js';
import type { AgentHandle } from '../lib/agent-handle.js';
import { expectExact, summaryOf } from '../lib/checks.js';
import type { BenchContext, Scenario } from '../lib/context.js';
import { BIG_FILE_CHARS, BIG_TRANSFER_TIMEOUT_MS, LOOPBACK, clientConfig } from '../lib/loopback.js';
import { readProcMemory, resetPeakRss, RssSampler } from '../lib/proc-mem.js';
import { figure, metOrMissed, ratioOf } from '../lib/result.js';
import type { BenchRow } from '../lib/result.js';
import { mbPerSecond } from '../lib/stats.js';

const RATE_ROW = {
  title: 'link TCP 1 MB/s, 10,000,000-char file',
  target: 'within 3 % of 1 MB/s; server memory flat',
};
const THROUGHPUT_ROW = { title: 'link TCP no conditions, 123,456,789 chars', target: '≥ 0.5× direct' };
const RATE_FILE_CHARS = 10_000_000;
const RATE_BYTES_PER_SEC = 1_000_000;
const RATE_TOLERANCE = 0.03;
/** "Flat": the server grows by less than this while the link holds it back (it holds 10 MB to send). */
const FLAT_GROWTH_MAX_MB = 15;
const RATE_TIMEOUT_MS = 60_000;
const RATIO_MIN = 0.5;

async function startLink(link: AgentHandle, server: EndpointInfo, conditions: object): Promise<EndpointInfo> {
  return link.lab<EndpointInfo>('startLink', {
    proto: 'tcp',
    listenHost: LOOPBACK,
    listenPort: 0,
    targetHost: LOOPBACK,
    targetPort: server.port,
    conditions,
  });
}

async function rateRow(
  ctx: BenchContext,
  server: AgentHandle,
  link: AgentHandle,
  client: AgentHandle,
): Promise<BenchRow> {
  const info = await server.startServer({ proto: 'tcp', host: LOOPBACK, port: 0 });
  const via = await startLink(link, info, { downstream: { rateBytesPerSec: RATE_BYTES_PER_SEC } });
  // A small exchange first, so "idle" is a server that has served.
  await client.clients(
    { config: clientConfig('tcp', via), command: { type: 'file', chars: 1000 }, count: 1 },
    10_000,
  );
  const rates: number[] = [];
  const peaks: number[] = [];
  const idles: number[] = [];
  for (let i = 0; i < ctx.heavyRuns; i++) {
    idles.push(readProcMemory(server.pid)?.rssMB ?? Number.NaN);
    resetPeakRss(server.pid);
    const sampler = new RssSampler(server.pid);
    sampler.start();
    const result = await client.clients(
      { config: clientConfig('tcp', via), command: { type: 'file', chars: RATE_FILE_CHARS }, count: 1 },
      RATE_TIMEOUT_MS,
    );
    peaks.push(sampler.stop());
    const s = summaryOf(result.runs[0], 'TCP file through 1 MB/s');
    expectExact(s, RATE_FILE_CHARS, 'TCP file through 1 MB/s');
    rates.push(mbPerSecond(s.bytes, s.durationMs));
    ctx.log(
      `  1 MB/s run ${i + 1}: ${rates.at(-1)!.toFixed(4)} MB/s in ${(s.durationMs / 1000).toFixed(2)} s, server RSS idle ${idles.at(-1)!.toFixed(1)} MB, peak ${peaks.at(-1)!.toFixed(1)} MB`,
    );
  }
  await link.lab('stopLink', { endpointId: via.id });
  await server.lab('stopServer', { endpointId: info.id });
  const growth = peaks.map((p, i) => p - idles[i]!);
  const rateOk = rates.every(
    (r) => Math.abs(r - RATE_BYTES_PER_SEC / 1e6) <= RATE_TOLERANCE * (RATE_BYTES_PER_SEC / 1e6),
  );
  const flat = growth.every((g) => g <= FLAT_GROWTH_MAX_MB);
  return {
    scenario: RATE_ROW.title,
    figure: figure('', 'MB/s', rates),
    reference: figure('asked', 'MB/s', [RATE_BYTES_PER_SEC / 1e6]),
    ratio: null,
    target: RATE_ROW.target,
    status: metOrMissed(rateOk && flat),
    note: `server peak RSS +${Math.max(...growth).toFixed(1)} MB over idle while 10 MB waited (flat: ≤ ${FLAT_GROWTH_MAX_MB} MB)`,
    extra: [figure('server idle', 'MB', idles), figure('server peak', 'MB', peaks)],
  };
}

/** The minimal Node relay (bench/child/plain-tcp-relay.ts) in front of `targetPort`; stop() ends it. */
async function plainRelay(targetPort: number): Promise<{ port: number; stop(): void }> {
  const child = spawn(process.execPath, nodeTsArgs('plain-tcp-relay.ts').concat([String(targetPort)]), {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('plain relay did not start within 30 s')), 30_000);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve(Number(line));
    });
    child.once('exit', (code) => reject(new Error(`plain relay exited (${code})`)));
  });
  return { port, stop: () => child.stdin!.end() };
}

async function throughputRow(
  ctx: BenchContext,
  server: AgentHandle,
  link: AgentHandle,
  client: AgentHandle,
): Promise<BenchRow> {
  const info = await server.startServer({ proto: 'tcp', host: LOOPBACK, port: 0 });
  const via = await startLink(link, info, {});
  const viaLink: number[] = [];
  const direct: number[] = [];
  const plain: number[] = [];
  const relay = await plainRelay(info.port!);
  const once = async (target: EndpointInfo, what: string): Promise<number> => {
    const result = await client.clients(
      { config: clientConfig('tcp', target), command: { type: 'file', chars: BIG_FILE_CHARS }, count: 1 },
      BIG_TRANSFER_TIMEOUT_MS,
    );
    const s = summaryOf(result.runs[0], what);
    expectExact(s, BIG_FILE_CHARS, what);
    return mbPerSecond(s.bytes, s.durationMs);
  };
  // Interleaved run by run, so drift on a shared machine hits both alike.
  for (let i = 0; i < ctx.runs; i++) {
    direct.push(await once(info, 'TCP file direct'));
    viaLink.push(await once(via, 'TCP file through a perfect link'));
    plain.push(await once({ ...info, port: relay.port }, 'TCP file through a minimal Node relay'));
    ctx.log(
      `  perfect link run ${i + 1}: ${viaLink.at(-1)!.toFixed(1)} MB/s via the link, ${direct.at(-1)!.toFixed(1)} MB/s direct, ${plain.at(-1)!.toFixed(1)} MB/s via a minimal Node relay`,
    );
  }
  relay.stop();
  await link.lab('stopLink', { endpointId: via.id });
  await server.lab('stopServer', { endpointId: info.id });
  const mine = figure('', 'MB/s', viaLink);
  const reference = figure('direct', 'MB/s', direct);
  const ratio = ratioOf(mine, reference);
  return {
    scenario: THROUGHPUT_ROW.title,
    figure: mine,
    reference,
    ratio,
    target: THROUGHPUT_ROW.target,
    status: metOrMissed(ratio !== null && ratio >= RATIO_MIN),
    note: `server, link and client in three processes; a minimal Node relay (pipe) gets ${(ratioOf(figure('', '', plain), reference) ?? Number.NaN).toFixed(2)}× direct`,
    extra: [figure('minimal Node relay', 'MB/s', plain)],
  };
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  await withAgents(['server', 'link', 'client'], async ([server, link, client]) => {
    rows.push(await rateRow(ctx, server!, link!, client!));
    rows.push(await throughputRow(ctx, server!, link!, client!));
  });
  return rows;
}

export const linkTcp: Scenario = { id: 'link-tcp', rows: [RATE_ROW, THROUGHPUT_ROW], run };
