// Stream pacing over TCP and UDP, 200 × 10 ms and 1000 × 1 ms at 1024 bytes: total-duration
// error against the ideal count × interval, and p50/p99 of each segment's arrival error against
// the ideal schedule (request + (k + 1) × interval, less the run's constant lag, which is shown
// on its own), measured at a NetLab client in another process.
import type { Proto } from '../../src-shared/protocol/limits.js';
import { nodeTsArgs, withAgents } from '../lib/agent-handle.js';
import type { AgentHandle } from '../lib/agent-handle.js';
import { expectExact, summaryOf } from '../lib/checks.js';
import type { BenchContext, RowSpec, Scenario } from '../lib/context.js';
import { LOOPBACK, clientConfig } from '../lib/loopback.js';
import { pacingErrors, segmentArrivals } from '../lib/pacing.js';
import type { PacingErrors } from '../lib/pacing.js';
import { BrokenBenchmark, figure, metOrMissed } from '../lib/result.js';
import type { BenchRow, Figure } from '../lib/result.js';
import { runProcess } from '../lib/proc.js';

const SEGMENT_BYTES = 1024;
/** A UDP stream ends on the idle timeout when a datagram is lost; keep that wait short. */
const UDP_IDLE_MS = 1000;
const RUN_TIMEOUT_MS = 30_000;

interface Case extends RowSpec {
  proto: Proto;
  intervalMs: number;
  count: number;
  maxErrorPct: number;
  /** p99 bound, ms; null where the issue sets none. */
  maxP99Ms: number | null;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const proto of ['tcp', 'udp'] as const) {
    const name = proto.toUpperCase();
    out.push({
      proto,
      intervalMs: 10,
      count: 200,
      maxErrorPct: 0.3,
      maxP99Ms: 1,
      title: `stream pacing ${name} 200 × 10 ms: duration error`,
      target: '±0.3 %, p99 ≤ 1 ms',
    });
    out.push({
      proto,
      intervalMs: 1,
      count: 1000,
      maxErrorPct: 1,
      maxP99Ms: null,
      title: `stream pacing ${name} 1000 × 1 ms: duration error`,
      target: '±1 %',
    });
  }
  return out;
}

async function measure(
  ctx: BenchContext,
  c: Case,
  server: AgentHandle,
  client: AgentHandle,
): Promise<PacingErrors[]> {
  const out: PacingErrors[] = [];
  const info = await server.startServer({ proto: c.proto, host: LOOPBACK, port: 0 });
  const config = clientConfig(c.proto, info, c.proto === 'udp' ? { idleTimeoutMs: UDP_IDLE_MS } : {});
  for (let i = 0; i < ctx.heavyRuns; i++) {
    const result = await client.clients(
      {
        config,
        command: { type: 'stream', intervalMs: c.intervalMs, count: c.count, size: SEGMENT_BYTES },
        count: 1,
        recordRx: true,
      },
      RUN_TIMEOUT_MS,
    );
    const run = result.runs[0];
    const s = summaryOf(run, `${c.title}`);
    const bytes = c.count * SEGMENT_BYTES;
    if (c.proto === 'tcp') expectExact(s, bytes, c.title);
    if (run?.requestT === undefined || !run.rx)
      throw new BrokenBenchmark(`${c.title}: no rx events recorded`);
    const arrivals = segmentArrivals(run.rx, SEGMENT_BYTES, c.count);
    if (arrivals.length * SEGMENT_BYTES !== s.bytes - (s.bytes % SEGMENT_BYTES)) {
      throw new BrokenBenchmark(
        `${c.title}: rx events add up to ${arrivals.length} segments, summary to ${s.bytes} bytes`,
      );
    }
    out.push(pacingErrors(run.requestT, arrivals, c.intervalMs, s.durationMs));
    const e = out.at(-1)!;
    ctx.log(
      `  ${c.proto} ${c.count}×${c.intervalMs} run ${i + 1}: ${e.durationErrorPct.toFixed(3)} %, p50 ${e.p50Ms.toFixed(3)} ms, p99 ${e.p99Ms.toFixed(3)} ms${s.lost ? `, lost ${s.lost} bytes` : ''}`,
    );
  }
  await server.lab('stopServer', { endpointId: info.id });
  return out;
}

/** The bare-timer p99 of the same schedule in a fresh Node process: the machine's floor. */
async function timerFloorP99(c: Case): Promise<number> {
  const r = await runProcess(
    process.execPath,
    nodeTsArgs('timer-floor.ts').concat([String(c.intervalMs), String(c.count)]),
    {
      timeoutMs: RUN_TIMEOUT_MS,
    },
  );
  if (r.code !== 0) throw new Error(`timer-floor child failed: ${r.stderr.trim()}`);
  return (JSON.parse(r.stdout) as { p99Ms: number }).p99Ms;
}

function row(c: Case, runs: readonly PacingErrors[], floors: readonly number[]): BenchRow {
  const pick = (label: string, unit: string, f: (r: PacingErrors) => number): Figure =>
    figure(label, unit, runs.map(f));
  const error = pick('', '%', (r) => r.durationErrorPct);
  const p99 = pick('p99', 'ms', (r) => r.p99Ms);
  const floor = figure('bare Node timer p99', 'ms', floors);
  const p99Ok = c.maxP99Ms === null || p99.median <= c.maxP99Ms;
  const met = Math.abs(error.median) <= c.maxErrorPct && p99Ok;
  // When a process that does nothing but wake on this schedule misses by more, the machine is the limit.
  const floorNote =
    !p99Ok && c.maxP99Ms !== null && floor.median > c.maxP99Ms ? 'p99 limited by this machine' : '';
  return {
    scenario: c.title,
    figure: error,
    reference: figure('ideal', 'ms', [c.count * c.intervalMs]),
    ratio: null,
    target: c.target,
    status: metOrMissed(met),
    note: floorNote,
    extra: [pick('p50', 'ms', (r) => r.p50Ms), p99, floor, pick('constant lag', 'ms', (r) => r.latencyMs)],
  };
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  // One server process and one client process for every case: fewer start-ups in a quick run.
  await withAgents(['server', 'client'], async ([server, client]) => {
    for (const c of cases()) {
      const floors: number[] = [];
      for (let i = 0; i < ctx.heavyRuns; i++) floors.push(await timerFloorP99(c));
      rows.push(row(c, await measure(ctx, c, server!, client!), floors));
    }
  });
  return rows;
}

export const streamPacing: Scenario = { id: 'stream-pacing', rows: cases(), run };
