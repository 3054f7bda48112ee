import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSegmentSequence } from '../../src-shared/protocol/stream-segment.js';
import { REQUEST_QUIET_MS } from '../../src-shared/protocol/limits.js';
import { HOSTS, ServerHarness, isAllA, splitPrepared } from '../helpers/server-harness.js';

const harness = new ServerHarness();
afterEach(() => harness.closeAll());

/** Cuts a stream reply into `size`-byte segments and reads each one's sequence number. */
function sequences(data: Buffer, size: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let at = 0; at < data.length; at += size) out.push(parseSegmentSequence(data.subarray(at, at + size)));
  return out;
}

describe.each(HOSTS)('TCP server on %s', (host) => {
  it('echo: upper-cased reply, then the server closes; events tell the story', async () => {
    const s = await harness.start('tcp', host);
    const reply = await harness.tcpRequest(host, s.port, ['hello\n']);
    expect(reply.toString()).toBe('HELLO');
    const summary = await s.log.summary();
    expect(summary).toMatchObject({
      role: 'server',
      proto: 'tcp',
      command: 'echo',
      request: 'hello',
      expected: 5,
      bytes: 5,
      lost: 0,
      reads: 1,
      datagrams: 0,
      end: 'done',
      reply: 'HELLO',
      error: null,
    });
    const kinds = s.log.events.map((e) => e.kind);
    expect(kinds).toEqual(['listening', 'accept', 'request', 'tx', 'end', 'summary']);
    const request = s.log.ofKind('request')[0]!;
    expect(request).toMatchObject({
      bytes: 6,
      command: 'echo',
      detail: 'hello',
      local: s.info.local,
      exchange: summary.exchange,
    });
    expect(request.remote).toMatch(host === '::1' ? /^\[::1\]:\d+$/ : /^127\.0\.0\.1:\d+$/);
    expect(summary.remote).toBe(request.remote);
  });

  it('file: file_prepared, then exactly N bytes of A, in large writes', async () => {
    const s = await harness.start('tcp', host);
    const { prepared, payload } = splitPrepared(await harness.tcpRequest(host, s.port, ['1000000\n']));
    expect(prepared).toBe(true);
    expect(payload.length).toBe(1_000_000);
    expect(isAllA(payload)).toBe(true);
    const summary = await s.log.summary();
    expect(summary).toMatchObject({
      command: 'file',
      expected: 1_000_000,
      bytes: 1_000_000,
      lost: 0,
      end: 'done',
    });
    expect(summary.prepareMs).not.toBeNull();
    const tx = s.log.ofKind('tx');
    expect(tx.reduce((n, e) => n + e.bytes!, 0)).toBe(1_000_000);
    expect(tx.length).toBe(summary.reads);
    expect(tx.length).toBeLessThanOrEqual(4); // 256 KiB writes, never one per KiB
    expect(s.log.ofKind('prepared')[0]).toMatchObject({ bytes: 13, detail: 'file_prepared' });
  });

  it('stream: numbered segments counting down, one tx per segment', async () => {
    const s = await harness.start('tcp', host);
    const data = await harness.tcpRequest(host, s.port, ['stream-2-20-100\n']);
    expect(data.length).toBe(2000);
    expect(sequences(data, 100)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
    const summary = await s.log.summary();
    expect(summary).toMatchObject({
      command: 'stream',
      expected: 2000,
      bytes: 2000,
      segmentsExpected: 20,
      segmentsReceived: 20,
      end: 'done',
    });
    expect(s.log.ofKind('tx').map((e) => e.segment)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
    // Absolute deadlines: segment 20 leaves no earlier than 20 × 2 ms after the request (a late
    // first segment may shorten first-to-last, never the whole).
    const lastTx = s.log.ofKind('tx').at(-1)!;
    expect(lastTx.t - s.log.ofKind('request')[0]!.t).toBeGreaterThanOrEqual(40);
  });
});

describe('TCP server: streams', () => {
  it('without sequence numbers every byte is A', async () => {
    const s = await harness.start('tcp', '127.0.0.1', { sequenceNumbers: false });
    const data = await harness.tcpRequest('127.0.0.1', s.port, ['stream-0-50-30\n']);
    expect(data.length).toBe(1500);
    expect(isAllA(data)).toBe(true);
  });

  it('cuts a number longer than the segment to fit', async () => {
    const s = await harness.start('tcp');
    const data = await harness.tcpRequest('127.0.0.1', s.port, ['stream-0-12-1\n']);
    expect(data.toString()).toBe('111987654321');
  });

  it('interval 0 with many small segments', async () => {
    const s = await harness.start('tcp');
    const data = await harness.tcpRequest('127.0.0.1', s.port, ['stream-0-5000-10\n']);
    expect(data.length).toBe(50_000);
    expect(sequences(data, 10)[4999]).toBe(1);
  });

  it('segments longer than one write are still whole and numbered', async () => {
    const s = await harness.start('tcp');
    const data = await harness.tcpRequest('127.0.0.1', s.port, ['stream-0-2-600000\n']);
    expect(data.length).toBe(1_200_000);
    expect(sequences(data, 600_000)).toEqual([2, 1]);
    expect(s.log.ofKind('tx').every((e) => e.segment === 2 || e.segment === 1)).toBe(true);
  });

  it('caps the count at the stream limit and logs it', async () => {
    const s = await harness.start('tcp', '127.0.0.1', { streamLimit: 5 });
    const data = await harness.tcpRequest('127.0.0.1', s.port, ['stream-0-8-10\n']);
    expect(sequences(data, 10)).toEqual([5, 4, 3, 2, 1]);
    expect(s.log.ofKind('request')[0]!.detail).toBe('stream-0-8-10: count capped at 5 (stream limit)');
    expect(await s.log.summary()).toMatchObject({ expected: 50, bytes: 50, segmentsExpected: 5 });
  });

  it('caps at the classic 10,001 by default', async () => {
    const s = await harness.start('tcp');
    const data = await harness.tcpRequest('127.0.0.1', s.port, ['stream-0-20000-1\n'], { timeoutMs: 20_000 });
    expect(data.length).toBe(10_001);
    expect(s.log.ofKind('request')[0]!.detail).toContain('count capped at 10001 (stream limit)');
  });
});

describe('TCP server: request framing (docs/protocol.md §1)', () => {
  it('a request written in two pieces 10 ms apart is one request', async () => {
    const s = await harness.start('tcp');
    const reply = await harness.tcpRequest('127.0.0.1', s.port, ['hel', 'lo\n'], { gapMs: 10 });
    expect(reply.toString()).toBe('HELLO');
    expect(s.log.ofKind('request')).toHaveLength(1);
  });

  it('a request without a terminator completes on half-close', async () => {
    const s = await harness.start('tcp');
    expect((await harness.tcpRequest('127.0.0.1', s.port, ['hello'])).toString()).toBe('HELLO');
  });

  it('a request without terminator or half-close completes after the quiet time (classic client)', async () => {
    const s = await harness.start('tcp');
    const started = performance.now();
    const reply = await harness.tcpRequest('127.0.0.1', s.port, ['500'], { halfClose: false });
    expect(splitPrepared(reply).payload.length).toBe(500);
    expect(performance.now() - started).toBeGreaterThanOrEqual(REQUEST_QUIET_MS - 5);
  });

  it('exactly 1024 bytes without a newline is a request', async () => {
    const s = await harness.start('tcp');
    const reply = await harness.tcpRequest('127.0.0.1', s.port, ['a'.repeat(1024)], { halfClose: false });
    expect(reply.toString()).toBe('A'.repeat(1024));
  });

  it('bytes after the request are read and ignored', async () => {
    const s = await harness.start('tcp');
    expect((await harness.tcpRequest('127.0.0.1', s.port, ['hi\nthere\n'])).toString()).toBe('HI');
  });

  it.each([
    ['half-close with nothing sent', []],
    ['a bare newline', ['\n']],
    ['white space only', ['  \t \r\n']],
  ])('empty request (%s): closed without a reply', async (_what, parts) => {
    const s = await harness.start('tcp');
    expect((await harness.tcpRequest('127.0.0.1', s.port, parts)).length).toBe(0);
    expect(await s.log.summary()).toMatchObject({ command: null, bytes: 0, expected: 0, end: 'done' });
    expect(s.log.ofKind('end')[0]!.detail).toBe('empty request: closed without reply');
    expect(s.log.ofKind('tx')).toHaveLength(0);
  });
});

describe('TCP server: lifecycle', () => {
  it('idle → listening → closed, close() safe twice, port 0 reported', async () => {
    const server = harness.makeServer('tcp', '127.0.0.1');
    expect(server.info()).toMatchObject({ state: 'idle', local: null, port: null });
    const info = await server.start();
    expect(info.state).toBe('listening');
    expect(info.port).toBeGreaterThan(0);
    expect(info.local).toBe(`127.0.0.1:${info.port}`);
    await Promise.all([server.close(), server.close()]);
    await server.close();
    expect(server.info().state).toBe('closed');
    await expect(server.start()).rejects.toMatchObject({ code: 'BUSY' });
  });

  it('port already in use → ADDR_IN_USE naming host:port', async () => {
    const first = await harness.start('tcp', '127.0.0.1');
    const second = harness.makeServer('tcp', '127.0.0.1', { port: first.port });
    await expect(second.start()).rejects.toMatchObject({
      code: 'ADDR_IN_USE',
      message: expect.stringContaining(`127.0.0.1:${first.port}`),
    });
    expect(second.info().state).toBe('closed');
    await second.close(); // what the Lab does after a failed start
  });

  it('an address this machine does not have → ADDR_NOT_AVAILABLE', async () => {
    // 192.0.2.0/24 is TEST-NET-1, never assigned to a local interface.
    await expect(harness.makeServer('tcp', '192.0.2.1').start()).rejects.toMatchObject({
      code: 'ADDR_NOT_AVAILABLE',
    });
  });

  it('all interfaces (host ""): reachable over IPv4 and IPv6', async () => {
    const s = await harness.start('tcp', '');
    expect(s.log.ofKind('listening')[0]!.detail).toContain('all interfaces');
    expect((await harness.tcpRequest('127.0.0.1', s.port, ['a\n'])).toString()).toBe('A');
    expect((await harness.tcpRequest('::1', s.port, ['b\n'])).toString()).toBe('B');
    // An IPv4 peer on a dual-stack socket is shown as plain IPv4, as the peer knows itself.
    expect(s.log.ofKind('accept')[0]!.remote).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('close() while a file is being sent: the exchange ends cancelled, the client sees the connection end', async () => {
    const s = await harness.start('tcp');
    const socket = harness.track(connect({ host: '127.0.0.1', port: s.port }));
    socket.on('error', () => undefined);
    socket.write('100000000\n');
    socket.pause(); // read nothing, so the server is mid-file when closed
    await s.log.waitFor((e) => e.kind === 'tx', 'first write');
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.resume();
    await s.server.close();
    await closed;
    const summary = await s.log.summary();
    expect(summary.end).toBe('cancelled');
    expect(summary.bytes).toBeLessThan(100_000_000);
    expect(s.log.events.at(-1)!.kind).toBe('closed');
  });
});
