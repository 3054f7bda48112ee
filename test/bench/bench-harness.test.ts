// The benchmark harness's pure parts (stats, pacing arithmetic, table, JSON rows) and one tiny
// real scenario through the agent children, so `npm run bench` cannot rot unnoticed.
import { afterEach, describe, expect, it } from 'vitest';
import { AgentHandle } from '../../bench/lib/agent-handle.js';
import { clientConfig, LOOPBACK } from '../../bench/lib/loopback.js';
import { pacingErrors, segmentArrivals } from '../../bench/lib/pacing.js';
import { toJsonRow } from '../../bench/lib/report.js';
import { brokenRow, figure, notRunRow, ratioOf } from '../../bench/lib/result.js';
import { mbPerSecond, median, percentile, spread } from '../../bench/lib/stats.js';
import { formatFigure, formatNumber, formatTable } from '../../bench/lib/table.js';

describe('stats', () => {
  it('takes medians and interpolated percentiles of unsorted runs', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([10, 0], 99)).toBeCloseTo(9.9);
    expect(percentile([], 50)).toBeNaN();
    expect(spread([3, 9, 1])).toEqual({ median: 3, min: 1, max: 9, n: 3 });
  });

  it('converts bytes over ms to MB/s', () => {
    expect(mbPerSecond(123_456_789, 1000)).toBeCloseTo(123.456789);
    expect(mbPerSecond(1, 0)).toBeNaN();
  });
});

describe('pacing', () => {
  it('finds when each whole segment arrived, several per TCP read or one per datagram', () => {
    const rx = [
      { t: 10, bytes: 512 },
      { t: 11, bytes: 512 },
      { t: 20, bytes: 2048 },
    ];
    expect(segmentArrivals(rx, 1024, 3)).toEqual([11, 20, 20]);
  });

  it('measures duration error and per-segment error against the ideal schedule', () => {
    const e = pacingErrors(0, [10, 20.5, 30], 10, 30.3);
    expect(e.durationErrorPct).toBeCloseTo(1);
    expect(e.latencyMs).toBeCloseTo(0);
    expect(e.p50Ms).toBeCloseTo(0);
    expect(e.p99Ms).toBeCloseTo(0.49);
  });

  it('takes a constant lag out of the per-segment error and reports it', () => {
    const e = pacingErrors(0, [12, 22, 32, 45], 10, 45);
    expect(e.latencyMs).toBeCloseTo(2);
    expect(e.p50Ms).toBeCloseTo(0);
    expect(e.p99Ms).toBeCloseTo(2.91);
  });
});

describe('table and JSON', () => {
  it('formats numbers with three significant digits and separators', () => {
    expect(formatNumber(1234.5)).toBe('1,235');
    expect(formatNumber(12.345)).toBe('12.3');
    expect(formatNumber(0.012345)).toBe('0.0123');
    expect(formatNumber(0)).toBe('0');
    expect(formatFigure(figure('nc', 'MB/s', [400, 500, 450]))).toBe('nc 450 MB/s (400–500, n=3)');
  });

  it('prints every row, including rows that did not run or broke', () => {
    const mine = figure('', 'MB/s', [300, 310]);
    const ref = figure('nc', 'MB/s', [200]);
    const table = formatTable([
      {
        scenario: 'a | b',
        figure: mine,
        reference: ref,
        ratio: ratioOf(mine, ref),
        target: '≥ 1.2× nc',
        status: 'met',
        note: '',
      },
      notRunRow('renderer', 'no task over 100 ms', 'browser mode missing'),
      brokenRow('udp', '0 lost', 'wrong result: got 1 of 2 bytes'),
    ]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[2]).toContain('a \\| b');
    expect(lines[2]).toContain('1.52×');
    expect(lines[3]).toContain('not run: browser mode missing');
    expect(lines[4]).toContain('broken: wrong result');
  });

  it('writes NaN as null, so latest.json stays valid JSON', () => {
    const row = toJsonRow({ ...notRunRow('x', 't', 'why'), figure: figure('', 'ms', []) });
    expect(row.figure?.median).toBeNull();
    expect(JSON.parse(JSON.stringify(row))).toEqual(row);
  });
});

describe('agent children', () => {
  const agents: AgentHandle[] = [];
  afterEach(async () => {
    await Promise.all(agents.splice(0).map((a) => a.stop()));
  });

  it('moves a small TCP file between a server and a client process, counted on both ends', async () => {
    const server = await AgentHandle.spawn('server');
    agents.push(server);
    const client = await AgentHandle.spawn('client');
    agents.push(client);
    const info = await server.startServer({ proto: 'tcp', host: LOOPBACK, port: 0 });
    const result = await client.clients(
      { config: clientConfig('tcp', info), command: { type: 'file', chars: 100_000 }, count: 2 },
      20_000,
    );
    expect(result.runs.map((r) => r.summary?.bytes)).toEqual([100_000, 100_000]);
    const sent = await server.serverSummaries(2);
    expect(sent.map((s) => s.bytes)).toEqual([100_000, 100_000]);
  });
});
