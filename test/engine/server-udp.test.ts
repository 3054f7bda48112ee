import { afterEach, describe, expect, it } from 'vitest';
import { parseSegmentSequence } from '../../src-shared/protocol/stream-segment.js';
import { HOSTS, ServerHarness, isAllA } from '../helpers/server-harness.js';

const harness = new ServerHarness();
afterEach(() => harness.closeAll());

describe.each(HOSTS)('UDP server on %s', (host) => {
  it('echo: one datagram back to the source address', async () => {
    const s = await harness.start('udp', host);
    const socket = await harness.udpSocket(host);
    const [reply] = await harness.udpRequest(host, s.port, 'hello\n', { socket });
    expect(reply!.toString()).toBe('HELLO');
    const summary = await s.log.summary();
    expect(summary).toMatchObject({
      proto: 'udp',
      command: 'echo',
      bytes: 5,
      expected: 5,
      datagrams: 1,
      reads: 0,
      end: 'done',
    });
    expect(summary.remote).toMatch(new RegExp(`:${socket.address().port}$`));
    expect(s.log.events.map((e) => e.kind)).toEqual(['listening', 'request', 'tx', 'end', 'summary']);
  });

  it('file: file_prepared, then chunk-sized datagrams of A adding up to N', async () => {
    const s = await harness.start('udp', host);
    const datagrams = await harness.udpRequest(host, s.port, '100000', { payloadBytes: 100_000 });
    expect(datagrams[0]!.toString()).toBe('file_prepared');
    const payload = datagrams.slice(1);
    expect(payload.reduce((n, d) => n + d.length, 0)).toBe(100_000);
    expect(payload.slice(0, -1).every((d) => d.length === 1120)).toBe(true);
    expect(payload.at(-1)!.length).toBe(100_000 % 1120);
    expect(payload.every(isAllA)).toBe(true);
    const summary = await s.log.summary();
    expect(summary).toMatchObject({ command: 'file', bytes: 100_000, datagrams: 90, lost: 0, end: 'done' });
    expect(s.log.ofKind('tx')).toHaveLength(90);
  });

  it('stream: one numbered datagram per segment', async () => {
    const s = await harness.start('udp', host);
    const datagrams = await harness.udpRequest(host, s.port, 'stream-1-20-100', { payloadBytes: 2000 });
    expect(datagrams.map((d) => d.length)).toEqual(Array(20).fill(100));
    expect(datagrams.map(parseSegmentSequence)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
    expect(await s.log.summary()).toMatchObject({
      segmentsExpected: 20,
      segmentsReceived: 20,
      datagrams: 20,
    });
  });

  it('stream of maximum-size datagrams (65,507 bytes)', async () => {
    const s = await harness.start('udp', host);
    const datagrams = await harness.udpRequest(host, s.port, 'stream-0-3-65507', { payloadBytes: 3 * 65507 });
    expect(datagrams.map((d) => d.length)).toEqual([65507, 65507, 65507]);
    expect(datagrams.map(parseSegmentSequence)).toEqual([3, 2, 1]);
  });
});

describe('UDP server: settings and edge cases', () => {
  it('honours the chunk size setting', async () => {
    const s = await harness.start('udp', '127.0.0.1', { chunkBytes: 1000 });
    const datagrams = await harness.udpRequest('127.0.0.1', s.port, '2500', { payloadBytes: 2500 });
    expect(datagrams.slice(1).map((d) => d.length)).toEqual([1000, 1000, 500]);
  });

  it('caps a stream at the stream limit and logs it', async () => {
    const s = await harness.start('udp', '127.0.0.1', { streamLimit: 3 });
    const datagrams = await harness.udpRequest('127.0.0.1', s.port, 'stream-0-10-5', { payloadBytes: 15 });
    expect(datagrams.map((d) => d.toString())).toEqual(['3AAAA', '2AAAA', '1AAAA']);
    expect(s.log.ofKind('request')[0]!.detail).toBe('stream-0-10-5: count capped at 3 (stream limit)');
  });

  it('an empty datagram gets no reply, only a log entry', async () => {
    const s = await harness.start('udp');
    const socket = await harness.udpSocket('127.0.0.1');
    socket.send(Buffer.alloc(0), s.port, '127.0.0.1');
    expect(await s.log.summary()).toMatchObject({ command: null, bytes: 0, datagrams: 0, end: 'done' });
    expect(s.log.ofKind('end')[0]!.detail).toBe('empty request: no reply');
    expect(s.log.ofKind('tx')).toHaveLength(0);
  });

  it('all interfaces (host ""): serves IPv4 and IPv6 peers', async () => {
    const s = await harness.start('udp', '');
    expect((await harness.udpRequest('127.0.0.1', s.port, 'four'))[0]!.toString()).toBe('FOUR');
    expect((await harness.udpRequest('::1', s.port, 'six'))[0]!.toString()).toBe('SIX');
  });

  it('port already in use → ADDR_IN_USE naming host:port; close() safe twice', async () => {
    const first = await harness.start('udp', '::1');
    const second = harness.makeServer('udp', '::1', { port: first.port });
    await expect(second.start()).rejects.toMatchObject({
      code: 'ADDR_IN_USE',
      message: expect.stringContaining(`[::1]:${first.port}`),
    });
    await second.close();
    await Promise.all([first.server.close(), first.server.close()]);
    expect(first.server.info().state).toBe('closed');
    expect(first.log.ofKind('closed')).toHaveLength(1);
  });

  it('an unknown host name → HOST_NOT_FOUND', async () => {
    await expect(harness.makeServer('udp', 'no-such-host.invalid').start()).rejects.toMatchObject({
      code: 'HOST_NOT_FOUND',
    });
  });

  it('close() during a transfer: the exchange ends cancelled and sending stops', async () => {
    const s = await harness.start('udp');
    const socket = await harness.udpSocket('127.0.0.1');
    socket.send('123456789', s.port, '127.0.0.1');
    await s.log.waitFor((e) => e.kind === 'tx', 'first datagram');
    await s.server.close();
    const summary = await s.log.summary();
    expect(summary.end).toBe('cancelled');
    expect(summary.bytes).toBeLessThan(123_456_789);
    expect(s.log.events.at(-1)!.kind).toBe('closed');
  });
});

describe('UDP send rate (server setting udpRateBytesPerSec)', () => {
  it('a paced transfer never outruns its cap: 1,000,000 bytes at 5 MB/s take at least ~200 ms', async () => {
    const s = await harness.start('udp', '127.0.0.1', { udpRateBytesPerSec: 5_000_000 });
    const datagrams = await harness.udpRequest('127.0.0.1', s.port, '1000000', { payloadBytes: 1_000_000 });
    expect(datagrams.slice(1).reduce((n, d) => n + d.length, 0)).toBe(1_000_000);
    const summary = await s.log.summary();
    expect(summary).toMatchObject({ bytes: 1_000_000, end: 'done' });
    // A lower bound only: a busy machine can make the transfer slower, never faster than the cap.
    expect(summary.durationMs).toBeGreaterThanOrEqual(180);
    expect(summary.throughputBps).toBeLessThanOrEqual(5_000_000 * 1.1);
  });

  it('0 turns pacing off (the classic behaviour) and the setting is reported', async () => {
    const s = await harness.start('udp', '127.0.0.1', { udpRateBytesPerSec: 0 });
    expect((s.server.info().config as { udpRateBytesPerSec: number }).udpRateBytesPerSec).toBe(0);
    const datagrams = await harness.udpRequest('127.0.0.1', s.port, '200000', { payloadBytes: 200_000 });
    expect(datagrams.slice(1).reduce((n, d) => n + d.length, 0)).toBe(200_000);
  });
});
