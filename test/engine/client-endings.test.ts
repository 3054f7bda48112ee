// Honest endings (issue 8, item 5): a reply cut short, a TCP server that never answers, and a
// capped stream, each against real servers on 127.0.0.1 and ::1 (port 0), waiting on events only.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ClientConfigSchema, ServerConfigSchema } from '../../src-shared/api.js';
import type { ServerConfigInput } from '../../src-shared/api.js';
import type { Proto } from '../../src-shared/protocol/limits.js';
import { TcpClient } from '../../src-main/engine/client/tcp-client.js';
import { UdpClient } from '../../src-main/engine/client/udp-client.js';
import type { ClientEndpoint } from '../../src-main/engine/endpoint.js';
import { TcpServer } from '../../src-main/engine/server/tcp-server.js';
import { UdpServer } from '../../src-main/engine/server/udp-server.js';
import { closeAfterEach, EventLog, HOSTS, segment, startRawTcpServer } from '../helpers/raw-servers.js';

const IDLE_MS = 300;
/** Bounded waits: an event that does not come within this fails the test. */
const WAIT_MS = 10_000;
const track = closeAfterEach();

async function netlabServer(proto: Proto, host: string, extra: Partial<ServerConfigInput> = {}) {
  const config = ServerConfigSchema.parse({ proto, host, port: 0, ...extra });
  const server = track(
    proto === 'tcp'
      ? new TcpServer({ id: 's1', config, sink: new EventLog(false).sink })
      : new UdpServer({ id: 's1', config, sink: new EventLog(false).sink }),
  );
  const info = await server.start();
  return { server, port: info.port! };
}

function client(
  proto: Proto,
  host: string,
  port: number,
  log: EventLog,
  extra: Record<string, number> = {},
): ClientEndpoint {
  const config = ClientConfigSchema.parse({ proto, host, port, idleTimeoutMs: IDLE_MS, ...extra });
  const opts = { id: 'c1', config, sink: log.sink };
  return track(proto === 'tcp' ? new TcpClient(opts) : new UdpClient(opts));
}

/** Resolves at the first payload event of the client, or fails after WAIT_MS. */
function firstPayload(log: EventLog): Promise<unknown> {
  return log.waitFor((e) => e.kind === 'rx' && (e.bytes ?? 0) > 0, WAIT_MS);
}

describe.each(HOSTS)('cut short on %s', (host) => {
  it.each(['tcp', 'udp'] as const)(
    '%s: server stopped mid-file ends short with CUT_SHORT, never fin',
    async (proto) => {
      // Paced UDP (1 MB/s) and a large TCP file, so the transfer is surely running when the server stops.
      const { server, port } = await netlabServer(proto, host, { udpRateBytesPerSec: 1_000_000 });
      const log = new EventLog();
      const c = client(proto, host, port, log);
      const n = 123_456_789;
      const running = c.run({ type: 'file', chars: n });
      await firstPayload(log);
      await server.close();
      const summary = await running;
      expect(summary.end).toBe('short');
      expect(summary.error?.code).toBe('CUT_SHORT');
      expect(summary.bytes).toBeGreaterThan(0);
      expect(summary.bytes).toBeLessThan(n);
      expect(summary.lost).toBe(n - summary.bytes);
      const of = `${summary.bytes.toLocaleString('en-US')} of 123,456,789 bytes`;
      expect(summary.error?.message).toBe(
        proto === 'tcp'
          ? `the server closed after ${of}`
          : `no datagram for ${IDLE_MS} ms after ${of}: the server stopped sending or the rest was lost`,
      );
      // One 'error' event says it in the log, and the summary's detail repeats it.
      expect(log.of('error').map((e) => e.detail)).toEqual([summary.error?.message]);
      expect(log.of('summary')[0]!.detail).toContain(summary.error!.message);
    },
  );

  it.each(['tcp', 'udp'] as const)(
    '%s: server stopped mid-stream ends short, with the segments counted',
    async (proto) => {
      const { server, port } = await netlabServer(proto, host);
      const log = new EventLog();
      const c = client(proto, host, port, log);
      const running = c.run({ type: 'stream', intervalMs: 5, count: 1000, size: 100 });
      await log.waitFor((e) => e.kind === 'rx' && e.segment !== null && e.segment <= 995, WAIT_MS);
      await server.close();
      const summary = await running;
      expect(summary).toMatchObject({ end: 'short', error: { code: 'CUT_SHORT' }, segmentsExpected: 1000 });
      expect(summary.segmentsReceived).toBeGreaterThanOrEqual(5);
      expect(summary.segmentsReceived).toBeLessThan(1000);
      expect(summary.error?.message).toContain(`(${summary.segmentsReceived} of 1,000 segments)`);
    },
  );

  it('tcp: a server that drops the reader mid-file (socket destroyed) is never a success', async () => {
    const s = track(
      await startRawTcpServer(host, (sock) => {
        sock.write('file_prepared');
        sock.write(Buffer.alloc(5000, 'A'), () => sock.destroy());
      }),
    );
    const log = new EventLog();
    const summary = await client('tcp', host, s.port, log).run({ type: 'file', chars: 1_000_000 });
    // A FIN says "short"; a reset says CONNECTION_RESET; neither is fin + error null.
    expect(['short', 'error']).toContain(summary.end);
    expect(summary.error?.code).toMatch(/^(CUT_SHORT|CONNECTION_RESET)$/);
    expect(summary.bytes).toBeLessThan(1_000_000);
  });

  it('tcp: an echo whose reply is shorter than the request is short', async () => {
    const s = track(await startRawTcpServer(host, (sock) => sock.end('HEL')));
    const summary = await client('tcp', host, s.port, new EventLog()).run({ type: 'echo', text: 'hello' });
    expect(summary).toMatchObject({ end: 'short', bytes: 3, expected: 5, lost: 2 });
    expect(summary.error).toEqual({ code: 'CUT_SHORT', message: 'the server closed after 3 of 5 bytes' });
  });
});

/**
 * A server in its own process that answers a file request with file_prepared and then drips
 * 'A's (TCP: 1,000 bytes / 5 ms; UDP: one 1,000-byte datagram / 5 ms) until it is killed.
 */
const DRIP_SERVER = `
const [proto, host] = process.argv.slice(1);
const drip = (send) => { send('file_prepared'); setInterval(() => send('A'.repeat(1000)), 5); };
if (proto === 'tcp') {
  const srv = require('node:net').createServer((s) => { s.on('error', () => {}); s.once('data', () => drip((d) => s.write(d))); });
  srv.listen(0, host, () => console.log('port ' + srv.address().port));
} else {
  const sock = require('node:dgram').createSocket(host.includes(':') ? 'udp6' : 'udp4');
  sock.on('message', (m, r) => drip((d) => sock.send(d, r.port, r.address)));
  sock.bind(0, host, () => console.log('port ' + sock.address().port));
}`;

function startDripServer(proto: Proto, host: string) {
  const child = spawn(process.execPath, ['-e', DRIP_SERVER, proto, host], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  track({ close: async () => void child.kill('SIGKILL') });
  const port = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the drip server did not start')), WAIT_MS);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      const m = /port (\d+)/.exec(d);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  return { child, port };
}

describe.each(HOSTS)('server process killed (SIGKILL) on %s', (host) => {
  it.each(['tcp', 'udp'] as const)('%s: a file from a killed server ends short, never fin', async (proto) => {
    const { child, port } = startDripServer(proto, host);
    const log = new EventLog();
    const running = client(proto, host, await port, log).run({ type: 'file', chars: 10_000_000 });
    await firstPayload(log);
    child.kill('SIGKILL');
    const summary = await running;
    expect(summary.bytes).toBeGreaterThan(0);
    expect(summary.bytes).toBeLessThan(10_000_000);
    // The kernel closes a killed process's sockets: a FIN (short) or, with unread data, a reset.
    expect(summary.end).not.toBe('fin');
    expect(summary.error?.code).toMatch(/^(CUT_SHORT|CONNECTION_RESET)$/);
    if (proto === 'udp') expect(summary).toMatchObject({ end: 'short', error: { code: 'CUT_SHORT' } });
  });
});

describe.each(HOSTS)('TCP reply timeout on %s', (host) => {
  it('a server that accepts and never answers ends with TIMEOUT after replyTimeoutMs', async () => {
    const s = track(await startRawTcpServer(host, () => undefined));
    const log = new EventLog();
    const started = performance.now();
    const summary = await client('tcp', host, s.port, log, { replyTimeoutMs: 250 }).run({
      type: 'echo',
      text: 'anyone?',
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    expect(summary).toMatchObject({ end: 'reply-timeout', bytes: 0 });
    const remote = host === '::1' ? `[::1]:${s.port}` : `${host}:${s.port}`;
    expect(summary.error).toEqual({
      code: 'TIMEOUT',
      message: `no reply from ${remote} for 250 ms: the server accepted the connection but sent nothing`,
    });
    expect(log.of('timeout')[0]!.detail).toBe(summary.error!.message);
  });

  it('a stream that stalls part-way ends with TIMEOUT; every byte restarts the clock', async () => {
    const size = 10;
    const s = track(
      await startRawTcpServer(host, (sock) => {
        // Three segments 100 ms apart (each under the 250 ms timeout), then silence.
        let k = 20;
        const timer = setInterval(() => {
          sock.write(segment(k--, size));
          if (k === 17) clearInterval(timer);
        }, 100);
        sock.on('close', () => clearInterval(timer));
      }),
    );
    const summary = await client('tcp', host, s.port, new EventLog(), { replyTimeoutMs: 250 }).run({
      type: 'stream',
      intervalMs: 100,
      count: 20,
      size,
    });
    expect(summary).toMatchObject({ end: 'reply-timeout', bytes: 3 * size, error: { code: 'TIMEOUT' } });
    // The wait is the reply timeout plus the stream's interval (a stream is silent between segments).
    expect(summary.error?.message).toContain('for 350 ms after 30 of 200 bytes: the server stopped sending');
  });

  it('a slow stream is not a stall: the wait is the reply timeout plus one interval', async () => {
    const size = 10;
    const s = track(
      await startRawTcpServer(host, (sock) => {
        // Two segments 300 ms apart, each after a silence longer than the 150 ms reply timeout.
        let k = 2;
        const timer = setInterval(() => {
          sock.write(segment(k--, size));
          if (k === 0) {
            clearInterval(timer);
            sock.end();
          }
        }, 300);
        sock.on('close', () => clearInterval(timer));
      }),
    );
    const summary = await client('tcp', host, s.port, new EventLog(), { replyTimeoutMs: 150 }).run({
      type: 'stream',
      intervalMs: 300,
      count: 2,
      size,
    });
    expect(summary).toMatchObject({ end: 'fin', bytes: 2 * size, error: null });
  });

  it('a file request waits for file_prepared with the prepare timeout, not the reply timeout', async () => {
    const s = track(
      await startRawTcpServer(host, (sock) => {
        // The peer under test is slow on purpose (not a wait for the test's sake): it prepares the
        // file for 400 ms, twice the client's 200 ms reply timeout, which must not apply before
        // file_prepared.
        const timer = setTimeout(() => sock.end('file_prepared' + 'A'.repeat(10)), 400);
        sock.on('close', () => clearTimeout(timer));
      }),
    );
    const summary = await client('tcp', host, s.port, new EventLog(), { replyTimeoutMs: 200 }).run({
      type: 'file',
      chars: 10,
    });
    expect(summary).toMatchObject({ end: 'fin', bytes: 10, error: null });
  });
});

describe.each(HOSTS)('capped streams on %s', (host) => {
  it.each(['tcp', 'udp'] as const)(
    '%s: a stream capped by the server is said as capped, not as loss',
    async (proto) => {
      const { port } = await netlabServer(proto, host, { streamLimit: 10 });
      const log = new EventLog();
      const summary = await client(proto, host, port, log).run({
        type: 'stream',
        intervalMs: 1,
        count: 20,
        size: 50,
      });
      expect(summary).toMatchObject({
        error: null,
        expected: 500,
        bytes: 500,
        lost: 0,
        segmentsExpected: 10,
        segmentsReceived: 10,
        missing: 0,
        streamCap: { sent: 10, requested: 20 },
      });
      expect(summary.end).toBe(proto === 'tcp' ? 'fin' : 'idle-timeout');
      expect(log.of('summary')[0]!.detail).toContain('the server capped the stream at 10 of 20 segments');
    },
  );
});

describe('Lab.send', () => {
  it('returns ok: false with CUT_SHORT for a reply cut short; the summary event still carries the figures', async () => {
    const { Lab } = await import('../../src-main/engine/lab.js');
    const lab = track(await Lab.create());
    const s = track(
      await startRawTcpServer('127.0.0.1', (sock) => sock.end('file_prepared' + 'A'.repeat(700))),
    );
    const summaries: number[] = [];
    const off = lab.onEvents((batch) => {
      for (const e of batch) if (e.kind === 'summary' && e.summary) summaries.push(e.summary.bytes);
    });
    const opened = await lab.openClient({ proto: 'tcp', host: '127.0.0.1', port: s.port });
    if (!opened.ok) throw new Error(opened.error.message);
    const r = await lab.send({ endpointId: opened.value.id, command: { type: 'file', chars: 1000 } });
    lab.flushEvents();
    off();
    expect(r).toEqual({
      ok: false,
      error: { code: 'CUT_SHORT', message: 'the server closed after 700 of 1,000 bytes' },
    });
    expect(summaries).toEqual([700]);
  });
});
