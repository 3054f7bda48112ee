// Both ends of one exchange in one Lab: the server's sends and the client's receives on the one
// clock give each segment's one-way delay; a link's 50 ms delay shows as ≈ 50 ms.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BothEnds } from '../../src-shared/both-ends.js';
import { waitUntil } from './lab-fixtures.js';
import { LinkLab, ok } from './link/link-helpers.js';

let t: LinkLab;
beforeEach(async () => {
  t = await LinkLab.create();
});
afterEach(() => t.close());

async function streamBothEnds(conditions: Parameters<LinkLab['client']>[1], count = 50) {
  const server = await t.server('udp');
  const client = await t.client(server, conditions);
  const s = ok(await t.lab.send({ endpointId: client.id, command: { type: 'stream', intervalMs: 2, count, size: 200 } }));
  const both = new BothEnds();
  // The server's summary follows the client's; wait for it so both sides are complete.
  await waitUntil(
    () => {
      t.lab.flushEvents();
      return t.events.some((e) => e.role === 'server' && e.kind === 'summary' && e.remote !== '');
    },
    5000,
    'server summary',
  );
  both.feed(t.events);
  return { s, view: both.view(s.exchange)!, client };
}

describe('both ends on one timeline', () => {
  it('UDP stream on loopback: every segment matched by sequence number, delays ≥ 0 and small', async () => {
    const { s, view } = await streamBothEnds(null);
    expect(s.missing).toBe(0);
    expect(view.server).not.toBeNull();
    expect(view.link).toBeNull();
    expect(view.matchedBy).toBe('sequence');
    expect(view.points).toHaveLength(50);
    for (const p of view.points) expect(p.delayMs).toBeGreaterThanOrEqual(0);
    expect(view.delay!.p50).toBeLessThan(20);
    expect(view.sentBytes).toBe(10_000);
    expect(view.receivedBytes).toBe(10_000);
  });

  it('through a link with 50 ms delay the one-way delay is ≈ 50 ms', async () => {
    const { view, client } = await streamBothEnds({ seed: 1, downstream: { delayMs: 50 } });
    expect(client.link).toMatch(/^link-/);
    expect(view.link).not.toBeNull();
    expect(view.server).not.toBeNull();
    expect(view.points.length).toBe(50);
    expect(view.delay!.min).toBeGreaterThanOrEqual(49);
    expect(view.delay!.p50).toBeLessThan(80);
  });

  it('through 20 % loss: the drops are marked and the missing segments placed at their send time', async () => {
    const { s, view } = await streamBothEnds({ seed: 5, downstream: { lossPct: 20 } }, 100);
    expect(s.missing).toBeGreaterThan(0);
    const drops = view.marks.filter((m) => m.kind === 'drop');
    expect(drops.length).toBe(s.missing);
    expect(view.missing.map((m) => m.segment).sort((a, b) => a - b)).toEqual(
      drops.map((d) => d.segment!).sort((a, b) => a - b),
    );
    const ranges = s.missingRanges!;
    expect(ranges.reduce((n, r) => n + r.to - r.from + 1, 0)).toBe(s.missing);
    // Every event that carried payload carries its wire estimate, and the summary sums them.
    const rx = t.events.filter((e) => e.exchange === s.exchange && e.kind === 'rx');
    expect(rx.every((e) => typeof e.wire === 'number' && e.wire >= e.bytes! + 46)).toBe(true);
    expect(s.wireBytes).toBe(rx.reduce((n, e) => n + e.wire!, 0));
    expect(s.fragments).toBe(0);
    expect(s.efficiency).toBeCloseTo(s.bytes / s.wireBytes!, 3);
  });

  it('TCP file: the reads’ wire estimates sum to the summary’s, on both ends', async () => {
    const server = await t.server('tcp');
    const client = await t.client(server, null);
    const s = ok(await t.lab.send({ endpointId: client.id, command: { type: 'file', chars: 100_000 } }));
    await waitUntil(
      () => {
        t.lab.flushEvents();
        return t.events.some((e) => e.role === 'server' && e.kind === 'summary' && e.proto === 'tcp');
      },
      5000,
      'server summary',
    );
    const rx = t.events.filter((e) => e.exchange === s.exchange && e.kind === 'rx');
    expect(s.wireBytes).toBe(rx.reduce((n, e) => n + e.wire!, 0));
    expect(s.fragments).toBeUndefined();
    const served = t.events.find((e) => e.role === 'server' && e.kind === 'summary' && e.proto === 'tcp')!.summary!;
    // 100,000 bytes in segments of 1,448: 69 full (1,518-byte frames) and one of 88 (+ 52 + 18).
    expect(served.wireBytes).toBe(69 * 1518 + 88 + 52 + 18);
    expect(served.efficiency).toBeCloseTo(100_000 / served.wireBytes!, 3);
  });

  it('UDP file through 10 % loss: the byte spans that never arrived add up to the bytes lost', async () => {
    const server = await t.server('udp');
    const client = await t.client(server, { seed: 9, downstream: { lossPct: 10 } });
    // A file that lost datagrams ends cut short: the send fails, the summary is in the events.
    await t.lab.send({ endpointId: client.id, command: { type: 'file', chars: 112_000 } });
    await waitUntil(
      () => {
        t.lab.flushEvents();
        return t.events.some((e) => e.role === 'server' && e.kind === 'summary' && e.command === 'file');
      },
      5000,
      'server summary',
    );
    const s = t.events.find((e) => e.endpoint === client.id && e.kind === 'summary')!.summary!;
    expect(s.lost).toBeGreaterThan(0);
    const both = new BothEnds();
    both.feed(t.events);
    const view = both.view(s.exchange)!;
    expect(view.matchedBy).toBe('order');
    expect(view.lostSpans.reduce((n, r) => n + r.to - r.from + 1, 0)).toBe(s.lost);
    for (const p of view.points) expect(p.delayMs).toBeGreaterThanOrEqual(0);
  });
});
