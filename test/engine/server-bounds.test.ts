// The attacks on a server, each refused with its documented line (docs/protocol.md §8):
// 5,000 idle connections, one host hoarding connections, 20 UDP transfers from one source, and
// stream requests that would overflow, spin a 1 ms timer or hold a connection for 10,001 hours.
import { afterEach, describe, expect, it } from 'vitest';
import { paceStream } from '../../src-main/engine/server/stream-pacer.js';
import { badStreamReply } from '../../src-shared/protocol/replies.js';
import { TCP_MAX_CONNECTIONS_DEFAULT, TCP_MAX_CONNECTIONS_PER_HOST_DEFAULT, UDP_MAX_TRANSFERS_PER_SOURCE_DEFAULT } from '../../src-shared/protocol/server-limits.js';
import { streamTooLargeReply, streamTooLongReply, tcpBusyReply, tcpHostBusyReply, udpBusyReply } from '../../src-shared/protocol/server-replies.js';
import type { IdleSocket } from '../helpers/bounds-helpers.js';
import {
  LOOPBACK_ALIASES_WORK,
  fdLimit,
  idleConnection,
  loopbackAlias,
  udpFileOrRefusal,
  waitForCount,
  whenSettled,
} from '../helpers/bounds-helpers.js';
import { ServerHarness, isAllA, splitPrepared } from '../helpers/server-harness.js';

const harness = new ServerHarness();
afterEach(() => harness.closeAll());

describe('TCP connection bounds', () => {
  // Both ends of 5,000 connections plus refusals in flight: about 10,000 descriptors.
  it.skipIf(!LOOPBACK_ALIASES_WORK || fdLimit() < 12_000)(
    '5,000 idle connections from 100 addresses: 1,000 held, 4,000 refused with one line each',
    async () => {
      const s = await harness.start('tcp');
      const total = 5000;
      const max = TCP_MAX_CONNECTIONS_DEFAULT;
      // In waves, as the listen backlog (511) would otherwise drop SYNs and retry them for seconds.
      const conns: IdleSocket[] = [];
      for (let wave = 0; wave < total / 250; wave++) {
        const batch = Array.from({ length: 250 }, (_, i) => idleConnection(harness, s.port, loopbackAlias(wave * 250 + i, 100)));
        conns.push(...batch);
        expect((await Promise.all(batch.map((c) => c.connected))).filter((e) => e !== null)).toEqual([]);
      }
      await waitForCount(s.log, (e) => e.kind === 'accept', total, 'accept');
      await whenSettled(conns.map((c) => c.closed), total - max, 30_000, 'refused connections closed');
      const refused = await Promise.all(conns.filter((c) => c.socket.destroyed).map((c) => c.closed));
      expect(refused).toHaveLength(total - max);
      expect(new Set(refused)).toEqual(new Set([tcpBusyReply(max)]));
      const errors = s.log.ofKind('error').filter((e) => e.detail === tcpBusyReply(max));
      expect(errors).toHaveLength(total - max);
      expect(s.log.ofKind('summary').every((e) => e.summary!.error?.code === 'BUSY')).toBe(true);

      // Ten idle ones leave: ten slots free, and a new client is served exactly.
      const held = conns.filter((c) => !c.socket.destroyed);
      for (const c of held.slice(0, 10)) c.socket.destroy();
      await waitForCount(s.log, (e) => e.kind === 'summary', total - max + 10, 'summary');
      const { prepared, payload } = splitPrepared(await harness.tcpRequest('127.0.0.1', s.port, ['100000\n']));
      expect(prepared && payload.length === 100_000 && isAllA(payload)).toBe(true);
    },
    60_000,
  );

  it('one host holds at most maxConnectionsPerHost; the next is refused, another host is served', async () => {
    const s = await harness.start('tcp');
    const max = TCP_MAX_CONNECTIONS_PER_HOST_DEFAULT;
    const conns = Array.from({ length: max + 6 }, () => idleConnection(harness, s.port));
    await waitForCount(s.log, (e) => e.kind === 'accept', max + 6, 'accept');
    await whenSettled(conns.map((c) => c.closed), 6, 10_000, 'refusals');
    const refused = await Promise.all(conns.filter((c) => c.socket.destroyed).map((c) => c.closed));
    expect(refused).toEqual(Array(6).fill(tcpHostBusyReply(max)));
    if (LOOPBACK_ALIASES_WORK) {
      const other = await new Promise<string>((resolve) => {
        const c = idleConnection(harness, s.port, '127.0.0.9');
        c.socket.end('hello\n');
        void c.closed.then(resolve);
      });
      expect(other).toBe('HELLO');
    }
  });

  it('maxConnections is a setting: 3 held, the 4th refused', async () => {
    const s = await harness.start('tcp', '127.0.0.1', { maxConnections: 3 });
    const conns = Array.from({ length: 4 }, () => idleConnection(harness, s.port));
    expect(await Promise.race(conns.map((c) => c.closed))).toBe(tcpBusyReply(3));
  });
});

describe('UDP transfer bounds', () => {
  it('20 file requests from one source: 4 served at once, 16 refused with a reply no longer than the request', async () => {
    // Paced at 2 MB/s, each 200,000-byte file lasts ~100 ms: all 20 requests arrive while 4 run.
    const s = await harness.start('udp', '127.0.0.1', { udpRateBytesPerSec: 2_000_000 });
    const sockets = await Promise.all(Array.from({ length: 20 }, () => harness.udpSocket('127.0.0.1')));
    const request = '200000';
    const replies = await Promise.all(sockets.map((sock) => udpFileOrRefusal(sock, s.port, request, 200_000)));
    const served = replies.filter((r) => r.datagrams[0]!.toString() === 'file_prepared');
    const refused = replies.filter((r) => r.datagrams[0]!.toString() !== 'file_prepared');
    const max = UDP_MAX_TRANSFERS_PER_SOURCE_DEFAULT;
    expect(served).toHaveLength(max);
    expect(served.every((r) => r.payload === 200_000)).toBe(true);
    const line = udpBusyReply(max, true);
    expect(refused.map((r) => r.datagrams[0]!.toString())).toEqual(Array(20 - max).fill(line.slice(0, request.length)));
    // The log has the whole line; the summary says BUSY.
    expect(s.log.ofKind('error').filter((e) => e.detail === line)).toHaveLength(20 - max);
    // The slots come back: the same source is served again.
    await waitForCount(s.log, (e) => e.kind === 'summary', 20, 'summary');
    const again = await udpFileOrRefusal(sockets[0]!, s.port, '1000', 1000);
    expect(again.payload).toBe(1000);
  });
});

describe('UDP replies never amplify past the budget', () => {
  it('an error line longer than its request is dropped once the source budget is spent; an echo still goes', async () => {
    // 1,000 B/s with a 50 ms burst: the first 63-byte line fits, the next ones do not.
    const s = await harness.start('udp', '127.0.0.1', { udpSourceRateBytesPerSec: 1000 });
    const socket = await harness.udpSocket('127.0.0.1');
    const got: string[] = [];
    const sentinel = new Promise<void>((resolve) =>
      socket.on('message', (msg: Buffer) => {
        got.push(msg.toString());
        if (msg.toString() === 'PING') resolve();
      }),
    );
    for (let i = 0; i < 5; i++) socket.send('0', s.port, '127.0.0.1');
    await waitForCount(s.log, (e) => e.kind === 'summary', 5, 'summary', 5000);
    socket.send('ping', s.port, '127.0.0.1');
    await whenSettled([sentinel], 1, 5000, 'echo replies');
    expect(got).toEqual(['Request for file of 0 chars. File size must be at least 1 char.', 'PING']);
    const dropped = s.log.ofKind('summary').filter((e) => e.summary!.error?.code === 'BUSY');
    expect(dropped).toHaveLength(4);
    expect(s.log.ofKind('error').filter((e) => /not sent: the send budget is spent/.test(e.detail))).toHaveLength(4);
  });
});

describe('stream bounds', () => {
  const attacks = (proto: 'tcp' | 'udp'): [string, string][] => [
    ['stream-0-10001-9007199254740991', badStreamReply('10001', '0', '9007199254740991')],
    ['stream-3000000000-3-5', badStreamReply('3', '3000000000', '5')],
    ['stream-3600000-10001-1', streamTooLongReply(10001, '3600000', 3_600_000)],
    [proto === 'udp' ? 'stream-0-10001-65507' : 'stream-0-10001-1000000', streamTooLargeReply(10001, proto === 'udp' ? 65507 : 1_000_000, 123_456_789)],
  ];

  it.each(['tcp', 'udp'] as const)('%s: the huge stream requests are refused with their lines', async (proto) => {
    const warnings: Error[] = [];
    const onWarning = (w: Error): number => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const s = await harness.start(proto);
      for (const [request, line] of attacks(proto)) {
        const reply =
          proto === 'tcp'
            ? (await harness.tcpRequest('127.0.0.1', s.port, [`${request}\n`])).toString()
            : (await harness.udpRequest('127.0.0.1', s.port, request))[0]!.toString();
        expect(reply, request).toBe(line);
      }
      await waitForCount(s.log, (e) => e.kind === 'summary', 4, 'summary');
      expect(s.log.ofKind('error').map((e) => e.detail)).toEqual(attacks(proto).map(([, line]) => line));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.map((w) => w.name)).not.toContain('TimeoutOverflowWarning');
  });

  it('the pacer clamps a sleep to the timer maximum: no 1 ms spin, no TimeoutOverflowWarning', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error): number => warnings.push(w);
    process.on('warning', onWarning);
    const abort = new AbortController();
    let sends = 0;
    const paced = paceStream({ intervalMs: 3_000_000_000, count: 3, signal: abort.signal }, () => ++sends > 0);
    // A warning is emitted on the next tick of the offending setTimeout; give it a few turns.
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    abort.abort();
    expect(await paced).toBe('cancelled');
    process.off('warning', onWarning);
    expect(sends).toBe(0);
    expect(warnings.map((w) => w.name)).not.toContain('TimeoutOverflowWarning');
  });
});
