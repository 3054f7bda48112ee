// The Lab with each endpoint on its own worker thread: one clock and one seq order across threads,
// lab-wide exchange ids, a dying worker as data, and close() leaving no thread or socket behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EndpointInfo, LabResult } from '../../src-shared/api.js';
import type { LabEvent } from '../../src-shared/events.js';
import type { Proto } from '../../src-shared/protocol/limits.js';
import { Lab } from '../../src-main/engine/lab.js';
import { waitUntil } from './lab-fixtures.js';

function value<T>(r: LabResult<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** One-way delay on loopback is ≥ 0: a receive stamped before its send means two clocks. */
const CLOCK_TOLERANCE_MS = 1;

describe('Lab on worker threads', () => {
  let dir: string;
  let lab: Lab;
  let events: LabEvent[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'netlab-workers-test-'));
    lab = await Lab.create({ journalPath: join(dir, 'journal.ndjson'), batchIntervalMs: 10 });
    events = [];
    lab.onEvents((batch) => events.push(...batch));
  });
  afterEach(async () => {
    await lab.close();
    expect(lab.runningWorkers()).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });

  async function server(proto: Proto, host = '127.0.0.1'): Promise<EndpointInfo> {
    return value(await lab.startServer({ proto, host, port: 0 }));
  }

  async function client(proto: Proto, to: EndpointInfo): Promise<EndpointInfo> {
    return value(await lab.openClient({ proto, host: '127.0.0.1', port: to.port!, idleTimeoutMs: 1000 }));
  }

  it('stamps server and client on one clock and numbers every event in one order', async () => {
    const srv = await server('udp');
    const cli = await client('udp', srv);
    const count = 300;
    const summary = value(
      await lab.send({ endpointId: cli.id, command: { type: 'stream', intervalMs: 0.5, count, size: 100 } }),
    );
    expect(summary.missing).toBe(0);
    lab.flushEvents();
    const txAt = new Map<number, number>();
    for (const e of events) if (e.endpoint === srv.id && e.kind === 'tx') txAt.set(e.segment!, e.t);
    const rx = events.filter((e) => e.endpoint === cli.id && e.kind === 'rx');
    expect(rx).toHaveLength(count);
    for (const e of rx) expect(txAt.get(e.segment!)! - CLOCK_TOLERANCE_MS).toBeLessThanOrEqual(e.t);
    events.forEach((e, i) => expect(e.seq).toBe(i + 1));
  });

  it('gives exchange ids that are unique across endpoints', async () => {
    const srv = await server('tcp');
    const clients = [await client('tcp', srv), await client('udp', await server('udp'))];
    for (let round = 0; round < 3; round++) {
      for (const c of clients)
        value(await lab.send({ endpointId: c.id, command: { type: 'echo', text: 'id' } }));
    }
    lab.flushEvents();
    const owner = new Map<string, string>();
    for (const e of events) {
      if (e.exchange === null) continue;
      expect(owner.get(e.exchange) ?? e.endpoint).toBe(e.endpoint);
      owner.set(e.exchange, e.endpoint);
    }
    // 6 client exchanges and 6 server ones.
    expect(owner.size).toBe(12);
  });

  it('ends the worker of a server that cannot start, and says why', async () => {
    const taken = await server('tcp');
    const refused = await lab.startServer({ proto: 'tcp', host: '127.0.0.1', port: taken.port! });
    expect(refused.ok ? null : refused.error.code).toBe('ADDR_IN_USE');
    expect(lab.runningWorkers()).toHaveLength(1);
    lab.flushEvents();
    expect(events.some((e) => e.endpoint === 'srv-2' && e.kind === 'error')).toBe(true);
  });

  it.each(['throw', 'exit'] as const)(
    'turns a worker that crashes (%s) into an error event and goes on with the others',
    async (how) => {
      const doomed = await server('tcp');
      const kept = await server('udp');
      const cli = await client('udp', kept);
      void lab.endpointWorker(doomed.id)!.call({ op: 'crash', how });
      await waitUntil(
        () => events.some((e) => e.endpoint === doomed.id && e.kind === 'error'),
        10_000,
        'error event of the crashed worker',
      );
      const error = events.find((e) => e.endpoint === doomed.id && e.kind === 'error')!;
      expect(error.detail).toMatch(
        how === 'throw' ? /srv-1 stopped: its thread threw: crash requested/ : /exit code 3/,
      );
      const listed = value(await lab.listEndpoints({}));
      expect(listed.find((e) => e.id === doomed.id)?.state).toBe('closed');
      expect(listed.find((e) => e.id === kept.id)?.state).toBe('listening');
      const echo = value(
        await lab.send({ endpointId: cli.id, command: { type: 'echo', text: 'still here' } }),
      );
      expect(echo.reply).toBe('STILL HERE');
      // Its port is free: the thread's sockets went with it.
      const again = value(await lab.startServer({ proto: 'tcp', host: '127.0.0.1', port: doomed.port! }));
      expect(again.port).toBe(doomed.port);
      expect(value(await lab.stopServer({ endpointId: doomed.id }))).toBeNull();
    },
  );

  it('goes on and closes when a worker hangs', async () => {
    const hung = await server('udp');
    const kept = await server('udp');
    const cli = await client('udp', kept);
    void lab.endpointWorker(hung.id)!.call({ op: 'crash', how: 'hang' });
    const echo = value(await lab.send({ endpointId: cli.id, command: { type: 'echo', text: 'around it' } }));
    expect(echo.reply).toBe('AROUND IT');
    await lab.close();
    expect(lab.runningWorkers()).toEqual([]);
  });

  it('resolves a pending send with an error when its worker is terminated', async () => {
    const srv = await server('udp');
    const cli = await client('udp', srv);
    const pending = lab.send({
      endpointId: cli.id,
      command: { type: 'stream', intervalMs: 20, count: 10_000, size: 10 },
    });
    await waitUntil(() => events.some((e) => e.endpoint === cli.id && e.kind === 'rx'), 10_000, 'first rx');
    await lab.endpointWorker(cli.id)!.terminate();
    const result = await pending;
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatchObject({
        code: 'INTERNAL',
        message: expect.stringMatching(/cli-1 stopped/),
      });
    expect(value(await lab.listEndpoints({})).find((e) => e.id === cli.id)?.state).toBe('closed');
    expect((await lab.send({ endpointId: cli.id, command: { type: 'echo', text: 'x' } })).ok).toBe(false);
  });

  it.each(['tcp', 'udp'] as const)(
    'close() mid-transfer over %s leaves no worker thread and no socket',
    async (proto) => {
      const srv = await server(proto);
      const cli = await client(proto, srv);
      const threads = lab.runningWorkers();
      expect(threads).toHaveLength(2);
      // A stream of ~50 s: still running when close() comes, however slow or fast the machine.
      const pending = lab.send({
        endpointId: cli.id,
        command: { type: 'stream', intervalMs: 5, count: 10_000, size: 1000 },
      });
      await waitUntil(() => events.filter((e) => e.kind === 'rx').length > 10, 10_000, 'transfer under way');
      await lab.close();
      expect(lab.runningWorkers()).toEqual([]);
      // The exchange ends cancelled (its summary says so) or in an error result; it never hangs.
      const ended = await pending;
      if (ended.ok) expect(ended.value.end).toBe('cancelled');
      const next = await Lab.create();
      try {
        const again = value(await next.startServer({ proto, host: '127.0.0.1', port: srv.port! }));
        expect(again.port).toBe(srv.port);
      } finally {
        await next.close();
      }
    },
  );
});
