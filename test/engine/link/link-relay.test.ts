// NetLab client ⇄ link ⇄ NetLab server in one Lab, real sockets on 127.0.0.1 and ::1.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Command } from '../../../src-shared/api.js';
import { LinkLab, ok } from './link-helpers.js';

let t: LinkLab;
beforeEach(async () => {
  t = await LinkLab.create();
});
afterEach(() => t.close());

const COMMANDS: [string, Command, number][] = [
  ['echo', { type: 'echo', text: 'hello link' }, 10],
  ['file', { type: 'file', chars: 200_000 }, 200_000],
  ['stream', { type: 'stream', intervalMs: 0.5, count: 200, size: 300 }, 60_000],
];

describe.each(['tcp', 'udp'] as const)('%s through a perfect link', (proto) => {
  it.each(COMMANDS)(
    '%s: every byte, and both summaries say which conditions applied',
    async (_name, command, bytes) => {
      const server = await t.server(proto);
      const client = await t.client(server, { seed: 3 });
      expect(client.link).toMatch(/^link-/);
      expect(client.remote).toBe(`127.0.0.1:${server.port}`);
      const s = ok(await t.lab.send({ endpointId: client.id, command }));
      expect(s.bytes).toBe(bytes);
      expect(s.lost).toBe(0);
      expect(s.missing).toBe(0);
      expect(s.conditions).toBe('no conditions, seed 3');
      // Closing the client stops its link, which ends its UDP flows now (not after the idle expiry).
      ok(await t.lab.closeClient({ endpointId: client.id }));
      const link = await t.linkSummary(client.link!, s.local);
      expect(link.role).toBe('link');
      expect(link.link!.seed).toBe(3);
      expect(link.link!.downstream.bytesOut).toBe(link.link!.downstream.bytesIn);
      expect(link.link!.upstream.bytesOut).toBe(link.link!.upstream.bytesIn);
      expect(link.local).toBe(s.remote);
    },
  );
});

describe('over IPv6', () => {
  it.each(['tcp', 'udp'] as const)('%s: the lab puts the link on ::1 for a ::1 server', async (proto) => {
    const server = await t.server(proto, '::1');
    const client = await t.client(server, {});
    const s = ok(await t.lab.send({ endpointId: client.id, command: { type: 'echo', text: 'six' } }));
    expect(s.reply).toBe('SIX');
    expect(s.remote).toMatch(/^\[::1\]:/);
  });
});

describe('UDP through 10 % loss', () => {
  async function lossyStream(
    seed: number,
  ): Promise<{ missing: number[]; dropped: number[]; droppedCount: number }> {
    const server = await t.server('udp');
    const client = await t.client(server, { seed, downstream: { lossPct: 10 } });
    const s = ok(
      await t.lab.send({
        endpointId: client.id,
        command: { type: 'stream', intervalMs: 0.2, count: 500, size: 100 },
      }),
    );
    ok(await t.lab.closeClient({ endpointId: client.id }));
    const link = await t.linkSummary(client.link!, s.local);
    const drops = t.linkEvents(client.link!, 'drop', s.local);
    expect(link.link!.downstream.dropped.random).toBe(drops.length);
    return {
      missing: s.missingSample,
      dropped: drops.map((e) => e.segment!).sort((a, b) => b - a),
      droppedCount: s.missing,
    };
  }

  it('the client misses exactly the datagrams the link reports dropped', async () => {
    const r = await lossyStream(42);
    expect(r.droppedCount).toBe(r.dropped.length);
    expect([...r.missing].sort((a, b) => b - a)).toEqual(r.dropped);
    // 500 × 10 %: a fixed seed, well inside the binomial band.
    expect(r.droppedCount).toBeGreaterThan(25);
    expect(r.droppedCount).toBeLessThan(75);
  });

  it('the same seed twice drops the same sequence numbers; another seed others', async () => {
    const a = await lossyStream(42);
    const b = await lossyStream(42);
    const c = await lossyStream(43);
    expect(b.dropped).toEqual(a.dropped);
    expect(c.dropped).not.toEqual(a.dropped);
  });
});

describe('TCP conditions', () => {
  it('a 500,000-char file through 1 MB/s takes about 0.5 s and arrives whole', async () => {
    const server = await t.server('tcp');
    const client = await t.client(server, { downstream: { rateBytesPerSec: 1_000_000 } });
    const s = ok(await t.lab.send({ endpointId: client.id, command: { type: 'file', chars: 500_000 } }));
    expect(s.bytes).toBe(500_000);
    expect(s.durationMs).toBeGreaterThan(400);
    expect(s.durationMs).toBeLessThan(1500);
    expect(s.conditions).toBe('down: rate 1 MB/s, seed 1');
    t.lab.flushEvents();
    const row = t.events.find((e) => e.endpoint === client.id && e.kind === 'summary')!;
    expect(row.detail).toMatch(/ — through down: rate 1 MB\/s, seed 1$/);
  });

  it('the slicer makes the client see many more, smaller reads', async () => {
    const server = await t.server('tcp');
    const direct = await t.client(server, null);
    const sliced = await t.client(server, { downstream: { sliceBytes: 100, sliceVarBytes: 50 } });
    const command: Command = { type: 'file', chars: 20_000 };
    const a = ok(await t.lab.send({ endpointId: direct.id, command }));
    const b = ok(await t.lab.send({ endpointId: sliced.id, command }));
    expect(b.bytes).toBe(20_000);
    expect(b.reads).toBeGreaterThan(a.reads * 10);
    // About 200 slices 0.25 ms apart; a busy machine may merge a few in the client's buffer.
    expect(b.reads).toBeGreaterThan(20_000 / 150 / 4);
  });

  it('reset-after ends the exchange with a connection reset', async () => {
    const server = await t.server('tcp');
    const client = await t.client(server, { downstream: { resetAfterBytes: 5000 } });
    const r = await t.lab.send({ endpointId: client.id, command: { type: 'file', chars: 1_000_000 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('CONNECTION_RESET');
    t.lab.flushEvents();
    const local = t.events.find((e) => e.endpoint === client.id && e.kind === 'summary')!.local;
    const link = await t.linkSummary(client.link!, local);
    expect(link.end).toBe('error');
    expect(link.error?.code).toBe('CONNECTION_RESET');
    expect(link.link!.downstream.bytesOut).toBe(5000);
  });

  it('a stall holds the stream once, and says so', async () => {
    const server = await t.server('tcp');
    const client = await t.client(server, { downstream: { stallMs: 300, stallAfterBytes: 1000 } });
    const s = ok(await t.lab.send({ endpointId: client.id, command: { type: 'file', chars: 50_000 } }));
    expect(s.bytes).toBe(50_000);
    expect(s.durationMs).toBeGreaterThan(280);
    const link = await t.linkSummary(client.link!, s.local);
    expect(
      t.linkEvents(client.link!, 'delay', s.local).some((e) => /stalled 300 ms after 1 KB/.test(e.detail)),
    ).toBe(true);
    expect(link.end).toBe('fin');
  });

  it('"loss" on TCP delays bytes instead of losing them', async () => {
    const server = await t.server('tcp');
    const client = await t.client(server, { seed: 5, downstream: { lossPct: 50, tcpRetransmitMs: 50 } });
    const s = ok(
      await t.lab.send({
        endpointId: client.id,
        command: { type: 'stream', intervalMs: 1, count: 20, size: 100 },
      }),
    );
    expect(s.bytes).toBe(2000);
    expect(s.missing).toBe(0);
    expect(s.conditions).toMatch(/loss 50 % as 50 ms retransmission delay/);
    const held = t.linkEvents(client.link!, 'delay', s.local).length;
    expect(held).toBeGreaterThan(0);
    const link = await t.linkSummary(client.link!, s.local);
    expect(link.link!.downstream.held).toBe(held);
  });
});

describe('bad input: a clear message naming the field, nothing started', () => {
  it.each([
    [{ upstream: { lossPct: 150 } }, 'udp', /conditions\.upstream\.lossPct: a percentage is at most 100 %/],
    [{ downstream: { delayMs: -1 } }, 'tcp', /conditions\.downstream\.delayMs: a time cannot be negative/],
    [
      { upstream: { rateBytesPerSec: 1000, queueBytes: 500 } },
      'udp',
      /conditions\.upstream\.queueBytes: a UDP queue must hold at least one 1120-byte datagram/,
    ],
  ] as const)('%j over %s', async (conditions, proto, re) => {
    const server = await t.server(proto);
    const before = ok(await t.lab.listEndpoints({})).length;
    const r = await t.lab.openClient({ proto, host: '127.0.0.1', port: server.port!, conditions });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BAD_ARGUMENT');
      expect(r.error.message).toMatch(re);
    }
    expect(ok(await t.lab.listEndpoints({})).length).toBe(before);
  });

  it('startLink refuses to listen on its own target', async () => {
    const r = await t.lab.startLink({
      proto: 'udp',
      listenHost: '127.0.0.1',
      listenPort: 8999,
      targetHost: 'localhost',
      targetPort: 8999,
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toMatch(/listenPort: the link cannot listen on the address it forwards to/);
  });

  it('startLink / stopLink: a standalone link, listed, stopped once, then unknown', async () => {
    const server = await t.server('udp');
    const info = ok(
      await t.lab.startLink({
        proto: 'udp',
        listenHost: '127.0.0.1',
        listenPort: 0,
        targetHost: '127.0.0.1',
        targetPort: server.port!,
      }),
    );
    expect(info.role).toBe('link');
    expect(info.state).toBe('listening');
    expect(ok(await t.lab.listEndpoints({})).some((e) => e.id === info.id)).toBe(true);
    ok(await t.lab.stopLink({ endpointId: info.id }));
    const again = await t.lab.stopLink({ endpointId: info.id });
    expect(again.ok).toBe(false);
  });
});
