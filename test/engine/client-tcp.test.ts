// TcpClient against raw `net` servers on 127.0.0.1 and ::1 that shape exactly what arrives.
import { describe, expect, it } from 'vitest';
import { ClientConfigSchema } from '../../src-shared/api.js';
import { TcpClient } from '../../src-main/engine/client/tcp-client.js';
import {
  closeAfterEach,
  EventLog,
  HOSTS,
  segment,
  startRawTcpServer,
  unusedPort,
  type RawServer,
} from '../helpers/raw-servers.js';

const track = closeAfterEach();

function client(
  host: string,
  port: number,
  log: EventLog,
  extra: { prepareTimeoutMs?: number } = {},
): TcpClient {
  const config = ClientConfigSchema.parse({ proto: 'tcp', host, port, ...extra });
  return track(new TcpClient({ id: 'c1', config, sink: log.sink }));
}

async function server(host: string, onRequest: Parameters<typeof startRawTcpServer>[1]): Promise<RawServer> {
  return track(await startRawTcpServer(host, onRequest));
}

describe.each(HOSTS)('TcpClient on %s', (host) => {
  it('echo: reply text, expected = request length, ends at FIN', async () => {
    const s = await server(host, (sock, req) => sock.end(req.toUpperCase()));
    const log = new EventLog();
    const summary = await client(host, s.port, log).run({ type: 'echo', text: 'hello lab' });
    expect(summary).toMatchObject({
      end: 'fin',
      reply: 'HELLO LAB',
      bytes: 9,
      expected: 9,
      lost: 0,
      error: null,
    });
    expect(summary.proto).toBe('tcp');
    expect(summary.remote).toBe(host.includes(':') ? `[${host}]:${s.port}` : `${host}:${s.port}`);
    expect(log.kinds(summary.exchange)).toEqual(['connect', 'request', 'rx', 'end', 'summary']);
    expect(log.of('request')[0]!.bytes).toBe('hello lab\n'.length);
    expect(log.of('summary')[0]!.summary).toEqual(summary);
  });

  it('file: file_prepared coalesced with payload in ONE write is split, payload kept', async () => {
    const n = 100_000;
    const s = await server(host, (sock) => {
      sock.end(Buffer.concat([Buffer.from('file_prepared'), Buffer.alloc(n, 'A')]));
    });
    const log = new EventLog();
    const summary = await client(host, s.port, log).run({ type: 'file', chars: n });
    expect(summary).toMatchObject({ end: 'fin', bytes: n, expected: n, lost: 0, command: 'file' });
    expect(summary.prepareMs).not.toBeNull();
    expect(summary.reads).toBeGreaterThanOrEqual(1);
    const rx = log.of('rx');
    expect(rx.reduce((sum, e) => sum + (e.bytes ?? 0), 0)).toBe(n);
    expect(log.of('prepared')).toHaveLength(1);
    expect(rx[0]!.detail).toContain('same read as file_prepared');
  });

  it('file: marker cut across reads', async () => {
    const s = await server(host, (sock) => {
      sock.setNoDelay(true);
      sock.write('file_pr');
      // A pause makes separate reads likely; the result must be right either way.
      setTimeout(() => sock.end(Buffer.concat([Buffer.from('epared'), Buffer.alloc(500, 'A')])), 30);
    });
    const log = new EventLog();
    const summary = await client(host, s.port, log).run({ type: 'file', chars: 500 });
    expect(summary).toMatchObject({ end: 'fin', bytes: 500, lost: 0 });
    expect(summary.reads).toBeGreaterThanOrEqual(2);
  });

  it('file: an error line instead of file_prepared ends BAD_REQUEST with the reply', async () => {
    const line = 'Request for file of 999999999 chars. Server limit is: 123456789 chars.';
    const s = await server(host, (sock) => sock.end(line));
    const log = new EventLog();
    const summary = await client(host, s.port, log).run({ type: 'file', chars: 999_999_999 });
    expect(summary).toMatchObject({ end: 'error', bytes: 0, reply: line, prepareMs: null });
    expect(summary.error?.code).toBe('BAD_REQUEST');
    expect(log.of('error')).toHaveLength(1);
  });

  it('stream: reads framed into segments, sequence numbers counted', async () => {
    const count = 50;
    const size = 100;
    const s = await server(host, (sock) => {
      for (let k = count; k >= 1; k--) sock.write(segment(k, size));
      sock.end();
    });
    const log = new EventLog();
    const summary = await client(host, s.port, log).run({ type: 'stream', intervalMs: 0, count, size });
    expect(summary).toMatchObject({ end: 'fin', bytes: count * size, expected: count * size, lost: 0 });
    expect(summary).toMatchObject({
      segmentsExpected: count,
      segmentsReceived: count,
      missing: 0,
      outOfOrder: 0,
    });
    expect(log.of('rx')[0]!.segment).toBe(count);
    expect(log.of('summary')[0]!.detail).toContain('TCP reads are not segments');
  });

  it('stream: a server that caps the count is believed over TCP', async () => {
    const s = await server(host, (sock) => {
      for (let k = 3; k >= 1; k--) sock.write(segment(k, 10));
      sock.end();
    });
    const log = new EventLog();
    const summary = await client(host, s.port, log).run({
      type: 'stream',
      intervalMs: 0,
      count: 20,
      size: 10,
    });
    expect(summary).toMatchObject({ expected: 30, bytes: 30, lost: 0, segmentsExpected: 3, missing: 0 });
    expect(summary).toMatchObject({ end: 'fin', error: null, streamCap: { sent: 3, requested: 20 } });
    expect(log.of('rx')[0]!.detail).toContain('the server capped the stream at 3 of 20 segments');
    expect(log.of('summary')[0]!.detail).toContain('the server capped the stream at 3 of 20 segments');
  });

  it('stream: a bad-stream reply is an error, not segments', async () => {
    const line = 'Request for transfer of 5 segments at interval: 10.0, of size: 0 has errors.';
    const s = await server(host, (sock) => sock.end(line));
    const summary = await client(host, s.port, new EventLog()).run({ type: 'echo', text: 'stream-10.0-5-x' });
    expect(summary).toMatchObject({ end: 'error', command: 'bad', reply: line });
  });

  it('prepare timeout when the server never answers a file request', async () => {
    const s = await server(host, () => undefined);
    const log = new EventLog();
    const summary = await client(host, s.port, log, { prepareTimeoutMs: 150 }).run({
      type: 'file',
      chars: 10,
    });
    expect(summary).toMatchObject({ end: 'prepare-timeout', bytes: 0 });
    expect(summary.error?.code).toBe('TIMEOUT');
    expect(log.of('timeout')).toHaveLength(1);
  });

  it('connection refused on a closed port: summary and error event', async () => {
    const port = await unusedPort(host, 'tcp');
    const log = new EventLog();
    const summary = await client(host, port, log).run({ type: 'echo', text: 'hi' });
    expect(summary.end).toBe('error');
    expect(summary.error?.code).toBe('CONNECTION_REFUSED');
    expect(log.of('error')[0]!.detail).toContain(`${port}`);
  });

  it('cancel mid-transfer ends "cancelled" promptly', async () => {
    const s = await server(host, (sock) => {
      sock.write('file_prepared');
      // Drip payload until the client goes away.
      const timer = setInterval(() => sock.write(Buffer.alloc(1000, 'A')), 5);
      sock.on('close', () => clearInterval(timer));
    });
    const log = new EventLog();
    const c = client(host, s.port, log);
    const running = c.run({ type: 'file', chars: 10_000_000 });
    await log.waitFor((e) => e.kind === 'rx');
    c.cancel();
    const summary = await running;
    expect(summary.end).toBe('cancelled');
    expect(summary.bytes).toBeGreaterThan(0);
    expect(summary.lost).toBe(10_000_000 - summary.bytes);
  });

  it('cancel while the host is still being resolved', async () => {
    const c = client(host, 9, new EventLog());
    const running = c.run({ type: 'echo', text: 'hi' });
    c.cancel();
    expect((await running).end).toBe('cancelled');
  });

  it('BUSY while an exchange runs; the next run after it works', async () => {
    const s = await server(host, (sock, req) => setTimeout(() => sock.end(req.toUpperCase()), 50));
    const c = client(host, s.port, new EventLog());
    const first = c.run({ type: 'echo', text: 'one' });
    await expect(c.run({ type: 'echo', text: 'two' })).rejects.toMatchObject({ code: 'BUSY' });
    expect(c.info().state).toBe('busy');
    expect((await first).reply).toBe('ONE');
    expect((await c.run({ type: 'echo', text: 'three' })).reply).toBe('THREE');
    expect(c.info().state).toBe('open');
  });

  it('close() cancels a running exchange and is safe twice', async () => {
    const s = await server(host, () => undefined);
    const log = new EventLog();
    const c = client(host, s.port, log);
    const running = c.run({ type: 'echo', text: 'wait' });
    await log.waitFor((e) => e.kind === 'request');
    await Promise.all([c.close(), c.close()]);
    expect((await running).end).toBe('cancelled');
    expect(c.info().state).toBe('closed');
    await expect(c.run({ type: 'echo', text: 'x' })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
  });
});

it('unknown host: HOST_NOT_FOUND naming the host', async () => {
  const log = new EventLog();
  const summary = await client('no-such-host.invalid', 9, log).run({ type: 'echo', text: 'hi' });
  expect(summary.end).toBe('error');
  expect(summary.error?.code).toBe('HOST_NOT_FOUND');
  expect(summary.error?.message).toContain('no-such-host.invalid');
  expect(log.of('error')).toHaveLength(1);
});
