// UDP conditions end to end: duplication, reordering, MTU, bursts and the router queue, each
// seen by the NetLab client exactly as the link reports it; and no socket left after close.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Command } from '../../../src-shared/api.js';
import type { LinkConditionsInput } from '../../../src-shared/link/conditions.js';
import { Lab } from '../../../src-main/engine/lab.js';
import { LinkLab, ok } from './link-helpers.js';

let t: LinkLab;
beforeEach(async () => {
  t = await LinkLab.create();
});
afterEach(() => t.close());

async function through(conditions: LinkConditionsInput, command: Command) {
  const server = await t.server('udp');
  const client = await t.client(server, conditions, { idleTimeoutMs: 500 });
  const r = await t.lab.send({ endpointId: client.id, command });
  t.lab.flushEvents();
  const s = r.ok ? r.value : t.events.find((e) => e.endpoint === client.id && e.kind === 'summary')!.summary!;
  ok(await t.lab.closeClient({ endpointId: client.id }));
  const link = await t.linkSummary(client.link!, s.local);
  return { s, link: link.link!, linkId: client.link!, local: s.local };
}

const STREAM: Command = { type: 'stream', intervalMs: 0.5, count: 400, size: 200 };

describe('UDP conditions through the link', () => {
  it('duplication: the client counts the duplicates the link sent', async () => {
    const { s, link } = await through({ seed: 11, downstream: { dupPct: 10 } }, STREAM);
    expect(link.downstream.duplicated).toBeGreaterThan(15);
    expect(s.duplicated).toBe(link.downstream.duplicated);
    expect(s.missing).toBe(0);
  });

  it('reordering: held-back datagrams arrive out of order, none lost', async () => {
    const { s, link, linkId, local } = await through(
      { seed: 12, downstream: { reorderPct: 10, reorderDelayMs: 5 } },
      STREAM,
    );
    expect(link.downstream.reordered).toBeGreaterThan(15);
    expect(s.outOfOrder).toBeGreaterThan(0);
    expect(s.missing).toBe(0);
    expect(t.linkEvents(linkId, 'delay', local).length).toBe(link.downstream.reordered);
  });

  it('MTU drop: 1500-byte datagrams do not fit a 1500-byte MTU (1528-byte IP packets)', async () => {
    const { s, link } = await through(
      { downstream: { mtuBytes: 1500 } },
      { type: 'stream', intervalMs: 1, count: 20, size: 1500 },
    );
    expect(link.downstream.dropped.mtu).toBe(20);
    expect(s.bytes).toBe(0);
  });

  it('MTU fragment: passed on, and counted as fragmented', async () => {
    const { s, link } = await through(
      { downstream: { mtuBytes: 1500, mtuAction: 'fragment' } },
      { type: 'stream', intervalMs: 1, count: 20, size: 1500 },
    );
    expect(link.downstream.fragmented).toBe(20);
    expect(s.bytes).toBe(30_000);
  });

  it('burst loss: drops come in runs and say "burst"', async () => {
    const { s, link } = await through(
      { seed: 13, downstream: { burst: { goodToBadPct: 5, badToGoodPct: 30 } } },
      STREAM,
    );
    expect(link.downstream.dropped.burst).toBeGreaterThan(10);
    expect(link.downstream.dropped.random).toBe(0);
    expect(s.missing).toBe(link.downstream.dropped.burst);
  });

  it('rate with a small queue: a fast file overflows it and the tail drops are what the client lost', async () => {
    const r = await through(
      { downstream: { rateBytesPerSec: 2_000_000, queueBytes: 20_000 } },
      { type: 'file', chars: 500_000 },
    );
    const { s, link } = r;
    expect(link.downstream.dropped.queue).toBeGreaterThan(0);
    // Tail drops come in runs, one event per run: fewer events than drops, every drop counted.
    const events = t.linkEvents(r.linkId, 'drop', r.local);
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThan(link.downstream.dropped.queue);
    expect(events.every((e) => /queue full \(tail drop\)/.test(e.detail))).toBe(true);
    expect(s.lost).toBe(500_000 - s.bytes);
    expect(link.downstream.bytesOut - 13).toBe(s.bytes);
  });
});

describe('closing the lab', () => {
  it('mid-transfer through links leaves no worker (and so no socket) behind', async () => {
    const lab = await Lab.create();
    const tcp = ok(await lab.startServer({ proto: 'tcp', host: '127.0.0.1', port: 0 }));
    const udp = ok(await lab.startServer({ proto: 'udp', host: '127.0.0.1', port: 0 }));
    const slow = { downstream: { rateBytesPerSec: 1_000_000 } };
    const a = ok(
      await lab.openClient({ proto: 'tcp', host: '127.0.0.1', port: tcp.port!, conditions: slow }),
    );
    const b = ok(
      await lab.openClient({
        proto: 'udp',
        host: '127.0.0.1',
        port: udp.port!,
        conditions: { downstream: { delayMs: 50 } },
      }),
    );
    const sends = [
      lab.send({ endpointId: a.id, command: { type: 'file', chars: 10_000_000 } }),
      lab.send({ endpointId: b.id, command: { type: 'stream', intervalMs: 1, count: 10_000, size: 100 } }),
    ];
    // Mid-transfer: both clients have data coming in (bounded wait on the events, no fixed sleep).
    await new Promise<void>((resolve, reject) => {
      const receiving = new Set<string>();
      const timer = setTimeout(() => {
        off();
        reject(new Error('both clients were not receiving within 10 s'));
      }, 10_000);
      const off = lab.onEvents((batch) => {
        for (const e of batch) if (e.kind === 'rx' && (e.endpoint === a.id || e.endpoint === b.id)) receiving.add(e.endpoint);
        if (receiving.size === 2) {
          clearTimeout(timer);
          off();
          resolve();
        }
      });
    });
    // Two servers, two clients and their two links, each on its own worker.
    expect(lab.runningWorkers()).toHaveLength(6);
    await lab.close();
    await Promise.all(sends);
    expect(lab.runningWorkers()).toEqual([]);
  });
});
