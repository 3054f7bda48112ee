// A server's summary counts what the kernel took (bytesWritten − writableLength), not what was
// handed to Node, and says "queued, not confirmed"; no rate from a zero-length interval.
// Real sockets on 127.0.0.1 and ::1; the stalled reader is dropped by a shortened stall timeout.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ServerConfigSchema } from '../../src-shared/api.js';
import { ExchangeReporter } from '../../src-main/engine/server/exchange-reporter.js';
import { sendReply } from '../../src-main/engine/server/reply-runner.js';
import { planRequest } from '../../src-main/engine/server/reply-plan.js';
import { TcpPayloadWriter } from '../../src-main/engine/server/tcp-writer.js';
import { EventLog, HOSTS, ServerHarness } from '../helpers/server-harness.js';

const STALL_MS = 200;
const FILE_CHARS = 100_000_000;
const harness = new ServerHarness();
const servers: net.Server[] = [];
afterEach(async () => {
  await harness.closeAll();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** Serves one file request the way TcpConnection does, to a peer that never reads. */
function stalledReaderSummary(host: string, log: EventLog): Promise<{ written: number }> {
  const config = ServerConfigSchema.parse({ proto: 'tcp', host, port: 0 });
  return new Promise((resolve) => {
    const server = net.createServer((socket) => {
      socket.on('error', () => undefined);
      const abort = new AbortController();
      const reporter = new ExchangeReporter({
        sink: log.sink,
        endpoint: 's1',
        proto: 'tcp',
        exchange: 'x1',
        local: 'server',
        remote: 'peer',
      });
      const writer = new TcpPayloadWriter(socket, abort.signal, 'peer', STALL_MS);
      reporter.countUnsentWith(() => writer.unsentBytes);
      const planned = planRequest(Buffer.from(String(FILE_CHARS)), 'tcp', config);
      reporter.request(planned, 10);
      void sendReply(planned.plan, { writer, reporter, fileChunkBytes: 1 << 20, signal: abort.signal }).then(
        () => {
          reporter.finish('error', 'dropped', writer.failure?.toInfo() ?? null);
          resolve({ written: reporter.sentBytes });
        },
      );
    });
    servers.push(server);
    server.listen(0, host, () => {
      const peer = harness.track(net.connect((server.address() as net.AddressInfo).port, host));
      peer.on('error', () => undefined);
      peer.pause(); // never reads
      peer.write(`${FILE_CHARS}\n`);
    });
  });
}

describe.each(HOSTS)('server summaries on %s', (host) => {
  it('a stalled reader dropped by the server: bytes are what the kernel took, "queued, not confirmed"', async () => {
    const log = new EventLog();
    const { written } = await stalledReaderSummary(host, log);
    const summary = await log.summary(0);
    // Node's queue held megabytes the kernel never took: they are not counted as sent.
    expect(summary.bytes).toBeGreaterThan(0);
    expect(summary.bytes).toBeLessThan(written);
    expect(summary).toMatchObject({ end: 'error', queuedNotConfirmed: true, error: { code: 'TIMEOUT' } });
    expect(summary.lost).toBe(FILE_CHARS - summary.bytes);
    // Its time runs to the drop, so the rate is bytes over at least the stall timeout, not a burst.
    expect(summary.durationMs).toBeGreaterThanOrEqual(STALL_MS - 5);
    expect(summary.throughputBps).toBeLessThanOrEqual((summary.bytes * 1000) / (STALL_MS - 5));
    const detail = log.ofKind('summary')[0]!.detail;
    expect(detail).toContain(`bytes taken by the kernel (queued, not confirmed by the peer)`);
  });

  it('a one-datagram reply has no rate: it says so instead of dividing by zero', async () => {
    const s = await harness.start('udp', host);
    const [reply] = await harness.udpRequest(host, s.port, 'hello\n', { payloadBytes: 5 });
    expect(String(reply)).toBe('HELLO');
    const summary = await s.log.summary(0);
    expect(summary).toMatchObject({ end: 'done', bytes: 5, durationMs: 0, throughputBps: 0 });
    expect(summary.queuedNotConfirmed).toBeUndefined();
    expect(s.log.ofKind('summary')[0]!.detail).toContain('rate not measurable (too short an interval)');
  });

  it('a TCP reply is timed until the kernel took its last byte, so its rate is never from a zero interval', async () => {
    const s = await harness.start('tcp', host);
    const reply = await harness.tcpRequest(host, s.port, ['2000000\n'], { timeoutMs: 20_000 });
    expect(reply.length).toBe(13 + 2_000_000);
    const summary = await s.log.summary(0);
    expect(summary).toMatchObject({ end: 'done', bytes: 2_000_000 });
    expect(summary.durationMs).toBeGreaterThan(0);
    const expectedRate = summary.durationMs >= 1 ? (2_000_000 * 1000) / summary.durationMs : 0;
    expect(summary.throughputBps).toBeCloseTo(expectedRate, 3);
  });
});
