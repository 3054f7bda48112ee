// UdpClient against raw `dgram` servers on 127.0.0.1 and ::1: drops, reordering, duplicates, silence.
import { describe, expect, it } from 'vitest';
import { ClientConfigSchema } from '../../src-shared/api.js';
import { UdpClient } from '../../src-main/engine/client/udp-client.js';
import {
  closeAfterEach,
  EventLog,
  HOSTS,
  segment,
  startRawUdpServer,
  unusedPort,
  type RawServer,
  type UdpReply,
} from '../helpers/raw-servers.js';

const IDLE_MS = 200;
const track = closeAfterEach();

function client(host: string, port: number, log: EventLog, prepareTimeoutMs = 2000): UdpClient {
  const config = ClientConfigSchema.parse({
    proto: 'udp',
    host,
    port,
    idleTimeoutMs: IDLE_MS,
    prepareTimeoutMs,
  });
  return track(new UdpClient({ id: 'u1', config, sink: log.sink }));
}

async function server(
  host: string,
  onRequest: (request: string, reply: UdpReply) => void,
): Promise<RawServer> {
  return track(await startRawUdpServer(host, onRequest));
}

/** Sends datagrams one after another (each awaited, so none overruns the other). */
async function sendAll(reply: UdpReply, datagrams: (Buffer | string)[]): Promise<void> {
  for (const d of datagrams) await reply(d);
}

describe.each(HOSTS)('UdpClient on %s', (host) => {
  it('echo ends when the reply datagram arrives, without the idle wait', async () => {
    const s = await server(host, (req, reply) => void reply(req.toUpperCase()));
    const log = new EventLog();
    const summary = await client(host, s.port, log).run({ type: 'echo', text: 'hello' });
    expect(summary).toMatchObject({
      end: 'done',
      reply: 'HELLO',
      bytes: 5,
      expected: 5,
      datagrams: 1,
      error: null,
    });
    expect(log.kinds(summary.exchange)).toEqual(['connect', 'request', 'rx', 'summary']);
    expect(log.of('connect')[0]!.detail).toMatch(/receive buffer \d+ bytes granted/);
  });

  it('file: file_prepared then chunks; ends as soon as all bytes arrived', async () => {
    const n = 5000;
    const s = await server(host, (_req, reply) => {
      const chunks = ['file_prepared'];
      for (let sent = 0; sent < n; sent += 1120) chunks.push('A'.repeat(Math.min(1120, n - sent)));
      void sendAll(reply, chunks);
    });
    const log = new EventLog();
    const summary = await client(host, s.port, log).run({ type: 'file', chars: n });
    expect(summary).toMatchObject({ end: 'done', bytes: n, expected: n, lost: 0, datagrams: 5, reads: 0 });
    expect(summary.prepareMs).toBeGreaterThanOrEqual(0);
    expect(log.of('prepared')[0]!.detail).toMatch(/file_prepared after/);
    expect(log.of('timeout')).toHaveLength(0);
  });

  it('file: missing chunks end short by the idle timeout; duration excludes the wait', async () => {
    const s = await server(host, (_req, reply) => void sendAll(reply, ['file_prepared', 'A'.repeat(1000)]));
    const log = new EventLog();
    const summary = await client(host, s.port, log).run({ type: 'file', chars: 3000 });
    // Not a quiet success: the idle timeout came before the expected bytes.
    expect(summary).toMatchObject({ end: 'short', bytes: 1000, lost: 2000 });
    expect(summary.error).toEqual({
      code: 'CUT_SHORT',
      message:
        'no datagram for 200 ms after 1,000 of 3,000 bytes: the server stopped sending or the rest was lost',
    });
    expect(summary.durationMs).toBeLessThan(IDLE_MS);
    const timeout = log.of('timeout')[0]!;
    const lastRx = log.of('rx').at(-1)!;
    expect(timeout.t - lastRx.t).toBeGreaterThanOrEqual(IDLE_MS - 1);
  });

  it('file: an error reply instead of file_prepared is BAD_REQUEST', async () => {
    const line = 'Request for file of 99 chars. Server limit is: 10 chars.';
    const s = await server(host, (_req, reply) => void reply(line));
    const summary = await client(host, s.port, new EventLog()).run({ type: 'file', chars: 99 });
    expect(summary).toMatchObject({ end: 'error', reply: line, bytes: 0 });
    expect(summary.error?.code).toBe('BAD_REQUEST');
  });

  it('prepare timeout when file_prepared never comes', async () => {
    const s = await server(host, () => undefined);
    const log = new EventLog();
    const summary = await client(host, s.port, log, 150).run({ type: 'file', chars: 100 });
    expect(summary).toMatchObject({ end: 'prepare-timeout', bytes: 0 });
    expect(summary.error?.code).toBe('TIMEOUT');
    expect(log.of('timeout')[0]!.detail).toContain('150 ms');
  });

  it('stream: all segments in order end early with every sequence number', async () => {
    const count = 20;
    const size = 64;
    const s = await server(host, (_req, reply) => {
      void sendAll(
        reply,
        Array.from({ length: count }, (_, k) => segment(count - k, size)),
      );
    });
    const log = new EventLog();
    const summary = await client(host, s.port, log).run({ type: 'stream', intervalMs: 0, count, size });
    expect(summary).toMatchObject({ end: 'done', bytes: count * size, lost: 0, datagrams: count });
    expect(summary).toMatchObject({ segmentsReceived: count, missing: 0, outOfOrder: 0, duplicated: 0 });
    expect(log.of('rx').map((e) => e.segment)).toEqual(Array.from({ length: count }, (_, k) => count - k));
  });

  it('stream: dropped, reordered and duplicated segments are counted', async () => {
    const size = 32;
    const s = await server(
      host,
      (_req, reply) =>
        void sendAll(
          reply,
          [6, 5, 3, 4, 4, 1].map((k) => segment(k, size)),
        ),
    );
    const summary = await client(host, s.port, new EventLog()).run({
      type: 'stream',
      intervalMs: 0,
      count: 6,
      size,
    });
    // Six datagrams carry 6 × size bytes, yet number 2 never came: wait for the idle timeout.
    expect(summary).toMatchObject({ end: 'idle-timeout', datagrams: 6, bytes: 6 * size, lost: 0 });
    expect(summary).toMatchObject({
      segmentsExpected: 6,
      segmentsReceived: 5,
      missing: 1,
      missingSample: [2],
    });
    expect(summary).toMatchObject({ outOfOrder: 1, duplicated: 1 });
  });

  it('stream: many drops, missing sample capped at 100', async () => {
    const count = 400;
    const size = 16;
    // Keep every third segment.
    const kept = Array.from({ length: count }, (_, k) => count - k).filter((k) => k % 3 === 0);
    const s = await server(
      host,
      (_req, reply) =>
        void sendAll(
          reply,
          kept.map((k) => segment(k, size)),
        ),
    );
    const summary = await client(host, s.port, new EventLog()).run({
      type: 'stream',
      intervalMs: 0,
      count,
      size,
    });
    expect(summary.missing).toBe(count - kept.length);
    // Segment 1 (the last one sent) never came: the stream did not reach its end.
    expect(summary).toMatchObject({ end: 'short', error: { code: 'CUT_SHORT' } });
    expect(summary.missingSample).toHaveLength(100);
    expect(summary.missingSample.slice(0, 3)).toEqual([400, 398, 397]);
    expect(summary.lost).toBe((count - kept.length) * size);
  });

  it('echo with no reply ends by idle timeout with TIMEOUT', async () => {
    const s = await server(host, () => undefined);
    const summary = await client(host, s.port, new EventLog()).run({ type: 'echo', text: 'anyone?' });
    expect(summary).toMatchObject({ end: 'idle-timeout', bytes: 0, lost: 7 });
    expect(summary.error?.code).toBe('TIMEOUT');
  });

  it('connection refused: ICMP port unreachable surfaces as CONNECTION_REFUSED', async () => {
    const port = await unusedPort(host, 'udp');
    const log = new EventLog();
    const summary = await client(host, port, log).run({ type: 'echo', text: 'hi' });
    expect(summary.end).toBe('error');
    expect(summary.error?.code).toBe('CONNECTION_REFUSED');
    expect(log.of('error')[0]!.detail).toContain('ICMP');
  });

  it('cancel mid-stream ends "cancelled" and stops listening', async () => {
    let stop = false;
    const s = await server(host, (_req, reply) => {
      void (async () => {
        // Bounded: at most 10,000 segments, stops when the client cancelled.
        for (let k = 10_000; k >= 1 && !stop; k--) {
          await reply(segment(k, 100));
          await new Promise((r) => setTimeout(r, 2));
        }
      })();
    });
    const log = new EventLog();
    const c = client(host, s.port, log);
    const running = c.run({ type: 'stream', intervalMs: 2, count: 10_000, size: 100 });
    await log.waitFor((e) => e.kind === 'rx' && e.segment === 9_998);
    c.cancel();
    const summary = await running;
    stop = true;
    expect(summary.end).toBe('cancelled');
    expect(summary.datagrams).toBeGreaterThanOrEqual(3);
    expect(summary.missing).toBe(10_000 - summary.segmentsReceived);
  });

  it('BUSY while an exchange runs', async () => {
    const s = await server(host, () => undefined);
    const c = client(host, s.port, new EventLog());
    const first = c.run({ type: 'echo', text: 'one' });
    await expect(c.run({ type: 'echo', text: 'two' })).rejects.toMatchObject({ code: 'BUSY' });
    await c.close();
    expect((await first).end).toBe('cancelled');
  });
});

it('unknown host: HOST_NOT_FOUND naming the host', async () => {
  const log = new EventLog();
  const summary = await client('nothing-here.invalid', 9, log).run({ type: 'file', chars: 10 });
  expect(summary.error?.code).toBe('HOST_NOT_FOUND');
  expect(summary.error?.message).toContain('nothing-here.invalid');
  expect(log.of('error')).toHaveLength(1);
});
