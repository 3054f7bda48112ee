import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EndpointInfo, LabResult } from '../../src-shared/api.js';
import { CSV_COLUMNS } from '../../src-shared/events.js';
import type { ExchangeSummary, LabEvent } from '../../src-shared/events.js';
import type { Proto } from '../../src-shared/protocol/limits.js';
import { Lab } from '../../src-main/engine/lab.js';

function value<T>(r: LabResult<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

function errorCode(r: LabResult<unknown>): string {
  if (r.ok) throw new Error('expected an error, got ok');
  return r.error.code;
}

describe('Lab', () => {
  let dir: string;
  let lab: Lab;
  let events: LabEvent[];
  let batches: number;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'netlab-lab-test-'));
    lab = await Lab.create({ journalPath: join(dir, 'journal.ndjson'), batchIntervalMs: 20 });
    events = [];
    batches = 0;
    lab.onEvents((batch) => {
      batches += 1;
      events.push(...batch);
    });
  });
  afterEach(async () => {
    await lab.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function serverAndClient(
    proto: Proto,
    host = '127.0.0.1',
  ): Promise<{ server: EndpointInfo; client: EndpointInfo }> {
    const server = value(await lab.startServer({ proto, host, port: 0 }));
    expect(server.port).toBeGreaterThan(0);
    const client = value(await lab.openClient({ proto, host, port: server.port!, idleTimeoutMs: 300 }));
    return { server, client };
  }

  async function send(
    clientId: string,
    command: Parameters<Lab['send']>[0]['command'],
  ): Promise<ExchangeSummary> {
    return value(await lab.send({ endpointId: clientId, command }));
  }

  it.each(['tcp', 'udp'] as const)(
    'runs echo, file and stream over %s and reports each exchange',
    async (proto) => {
      const { server, client } = await serverAndClient(proto);
      expect(server.id).toBe('srv-1');
      expect(client.id).toBe('cli-1');

      const echo = await send(client.id, { type: 'echo', text: 'hello' });
      expect(echo).toMatchObject({ command: 'echo', reply: 'HELLO', bytes: 5, lost: 0, proto });

      const file = await send(client.id, { type: 'file', chars: 100_000 });
      expect(file).toMatchObject({ command: 'file', expected: 100_000, bytes: 100_000, lost: 0 });
      expect(file.prepareMs).not.toBeNull();

      const stream = await send(client.id, { type: 'stream', intervalMs: 0, count: 50, size: 100 });
      expect(stream).toMatchObject({ command: 'stream', bytes: 5000, missing: 0, outOfOrder: 0 });

      const endpoints = value(await lab.listEndpoints({}));
      expect(endpoints.map((e) => e.id).sort()).toEqual(['cli-1', 'srv-1']);
      expect(value(await lab.closeClient({ endpointId: client.id }))).toBeNull();
      expect(value(await lab.stopServer({ endpointId: server.id }))).toBeNull();
      expect(value(await lab.listEndpoints({}))).toEqual([]);
    },
  );

  it('speaks IPv6 on ::1', async () => {
    const { client } = await serverAndClient('tcp', '::1');
    expect((await send(client.id, { type: 'echo', text: 'six' })).reply).toBe('SIX');
  });

  it('delivers events in few ordered batches, journals them, and exports them as CSV', async () => {
    const { client } = await serverAndClient('udp');
    await send(client.id, { type: 'stream', intervalMs: 0, count: 500, size: 200 });
    lab.flushEvents();
    expect(events.length).toBeGreaterThan(1000);
    expect(batches).toBeLessThan(events.length / 20);
    events.forEach((e, i) => expect(e.seq).toBe(i + 1));
    expect(
      events
        .filter((e) => e.kind === 'summary')
        .map((e) => e.role)
        .sort(),
    ).toEqual(['client', 'server']);

    const csvPath = join(dir, 'session.csv');
    const exported = value(await lab.exportCsv({ path: csvPath }));
    expect(exported).toEqual({ path: csvPath, rows: events.length });
    const records = parse(readFileSync(csvPath, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(events.length);
    expect(Object.keys(records[0]!)).toEqual([...CSV_COLUMNS]);
    expect(records.at(-1)!.seq).toBe(String(events.at(-1)!.seq));

    const journal = readFileSync(lab.journalPath, 'utf8').trimEnd().split('\n');
    expect(journal).toHaveLength(events.length);

    let streamed = '';
    for await (const chunk of lab.csvStream()) streamed += String(chunk);
    expect(streamed).toBe(readFileSync(csvPath, 'utf8'));
  });

  it('reports stable error codes', async () => {
    const server = value(await lab.startServer({ proto: 'tcp', host: '127.0.0.1', port: 0 }));
    expect(errorCode(await lab.startServer({ proto: 'tcp', host: '127.0.0.1', port: server.port! }))).toBe(
      'ADDR_IN_USE',
    );

    const unknown = value(await lab.openClient({ proto: 'tcp', host: 'no-such-host.invalid', port: 8120 }));
    expect(errorCode(await lab.send({ endpointId: unknown.id, command: { type: 'echo', text: 'hi' } }))).toBe(
      'HOST_NOT_FOUND',
    );

    // A port that was just in use and is now closed: nothing listens there.
    const gone = value(await lab.startServer({ proto: 'tcp', host: '127.0.0.1', port: 0 }));
    value(await lab.stopServer({ endpointId: gone.id }));
    const refused = value(await lab.openClient({ proto: 'tcp', host: '127.0.0.1', port: gone.port! }));
    expect(errorCode(await lab.send({ endpointId: refused.id, command: { type: 'echo', text: 'hi' } }))).toBe(
      'CONNECTION_REFUSED',
    );

    const ok = value(await lab.openClient({ proto: 'tcp', host: '127.0.0.1', port: server.port! }));
    const bad = await lab.send({ endpointId: ok.id, command: { type: 'file', chars: 0 } });
    expect(errorCode(bad)).toBe('BAD_REQUEST');

    expect(errorCode(await lab.startServer({ proto: 'tcp', host: '127.0.0.1', port: 70_000 }))).toBe(
      'BAD_ARGUMENT',
    );
    expect(errorCode(await lab.send({ endpointId: ok.id, command: { type: 'file', chars: 1.5 } }))).toBe(
      'BAD_ARGUMENT',
    );
    expect(errorCode(await lab.call('send', { endpointId: ok.id, command: { type: 'upload' } }))).toBe(
      'BAD_ARGUMENT',
    );
    expect(errorCode(await lab.call('formatDisk', {}))).toBe('BAD_REQUEST');
    expect(errorCode(await lab.call('startServer', null))).toBe('BAD_ARGUMENT');

    expect(errorCode(await lab.stopServer({ endpointId: 'srv-99' }))).toBe('NOT_FOUND');
    expect(errorCode(await lab.send({ endpointId: 'cli-99', command: { type: 'echo', text: 'x' } }))).toBe(
      'NOT_FOUND',
    );
    // A client id is not a server id.
    expect(errorCode(await lab.stopServer({ endpointId: ok.id }))).toBe('NOT_FOUND');
  });

  it('dispatches validated calls for the bridges and lists hosts with their problems', async () => {
    const started = await lab.call('startServer', { proto: 'udp', host: '127.0.0.1', port: 0 });
    expect(started).toMatchObject({
      ok: true,
      value: { id: 'srv-1', role: 'server', proto: 'udp', state: 'listening' },
    });

    const hostsPath = join(dir, 'hosts.txt');
    writeFileSync(hostsPath, '127.0.0.1:8120\nnot a host\n[::1]:8121\n');
    const other = await Lab.create({ hostsPath });
    try {
      const hosts = value(await other.listHosts({}));
      expect(hosts.entries.map((e) => `${e.host}:${e.port}@${e.line}`)).toEqual([
        '127.0.0.1:8120@1',
        '::1:8121@3',
      ]);
      expect(hosts.problems.map((p) => p.line)).toEqual([2]);
    } finally {
      await other.close();
    }
    const missing = await Lab.create({ hostsPath: join(dir, 'nope.txt') });
    try {
      expect(errorCode(await missing.listHosts({}))).toBe('NOT_FOUND');
    } finally {
      await missing.close();
    }
  });

  it('close() stops every endpoint, is safe twice, and refuses calls afterwards', async () => {
    const { server } = await serverAndClient('tcp');
    await Promise.all([lab.close(), lab.close()]);
    expect(errorCode(await lab.listEndpoints({}))).toBe('CANCELLED');
    // The port is free again.
    lab = await Lab.create();
    const again = value(await lab.startServer({ proto: 'tcp', host: '127.0.0.1', port: server.port! }));
    expect(again.port).toBe(server.port);
  });
});
