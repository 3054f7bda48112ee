// History store actions: Run over TCP and UDP, the server's TCP + UDP on one port, the overlay
// of several timelines on one axis, and the pairing of the two ends' ids.
import { describe, expect, it } from 'vitest';
import { createClientStore, createServerStore } from '../../src-renderer/store/create-stores.js';
import { PairIndex, sharedIdOf } from '../../src-renderer/store/exchange-pairs.js';
import { overlaySeries, OVERLAY_STEPS } from '../../src-renderer/store/overlay-series.js';
import { runOverBoth } from '../../src-renderer/store/run-both.js';
import { Timeline } from '../../src-renderer/store/timeline.js';
import type { ExchangeSummary } from '../../src-shared/events.js';
import { createFakeTransport, endpointInfo, ev, ok } from './fake-transport.js';

function summaryOf(exchange: string, proto: 'tcp' | 'udp'): ExchangeSummary {
  return {
    exchange, endpoint: 'c', role: 'client', proto, command: 'echo', request: 'hello', expected: 5, bytes: 5, lost: 0,
    durationMs: 1, throughputBps: 5000, reads: proto === 'tcp' ? 1 : 0, datagrams: proto === 'udp' ? 1 : 0,
    segmentsExpected: 0, segmentsReceived: 0, missing: 0, missingSample: [], outOfOrder: 0, duplicated: 0,
    prepareMs: null, end: 'done', reply: 'HELLO', error: null, local: '127.0.0.1:40000', remote: '127.0.0.1:8120',
  };
}

describe('Run over TCP and UDP', () => {
  it('sends the same command over each protocol, opens their comparison and restores the form', async () => {
    const t = createFakeTransport();
    let n = 0;
    t.api.openClient.mockImplementation((args) => ok(endpointInfo(`c${++n}`, 'client', args.proto)));
    t.api.send.mockImplementation(({ endpointId }) => ok(summaryOf(`x${endpointId}`, endpointId === 'c1' ? 'tcp' : 'udp')));
    const store = createClientStore(t, { conditionsStorage: null });
    store.getState().setClientField('proto', 'udp');
    const ids = await runOverBoth(store);
    expect(ids).toEqual(['xc1', 'xc2']);
    expect(t.api.openClient.mock.calls.map(([a]) => a.proto)).toEqual(['tcp', 'udp']);
    expect(t.api.send.mock.calls.map(([a]) => a.command)).toEqual([{ type: 'echo', text: 'hello' }, { type: 'echo', text: 'hello' }]);
    expect(store.getState().compareIds).toEqual(['xc1', 'xc2']);
    expect(store.getState().compareOpen).toBe(true);
    expect(store.getState().clientForm.proto).toBe('udp');
  });
});

describe('server TCP + UDP', () => {
  it('starts the other protocol on the port the first one bound, and stops both', async () => {
    const t = createFakeTransport();
    t.api.startServer.mockImplementation((c) => ok(endpointInfo(c.proto === 'tcp' ? 's1' : 's2', 'server', c.proto, { local: '127.0.0.1:45123' })));
    const store = createServerStore(t);
    store.getState().setServerField('port', '0');
    store.getState().setBothProtocols(true);
    await store.getState().startServer();
    expect(t.api.startServer.mock.calls.map(([c]) => [c.proto, c.port])).toEqual([['tcp', 0], ['udp', 45123]]);
    expect(store.getState().pairedServer?.id).toBe('s2');
    expect(store.getState().ownEndpoints).toEqual(['s1', 's2']);
    await store.getState().stopServer();
    expect(t.api.stopServer.mock.calls.map(([a]) => a.endpointId)).toEqual(['s2', 's1']);
    expect(store.getState().server).toBeNull();
    expect(store.getState().pairedServer).toBeNull();
  });

  it('keeps the first server and says why the second could not start', async () => {
    const t = createFakeTransport();
    t.api.startServer
      .mockImplementationOnce(() => ok(endpointInfo('s1', 'server', 'tcp', { local: '127.0.0.1:8120' })))
      .mockImplementationOnce(() => Promise.resolve({ ok: false, error: { code: 'ADDR_IN_USE', message: 'Port already in use.' } }));
    const store = createServerStore(t);
    store.getState().setBothProtocols(true);
    await store.getState().startServer();
    expect(store.getState().server?.id).toBe('s1');
    expect(store.getState().serverErrors.general).toBe('UDP on port 8120: Port already in use.');
  });
});

describe('overlay and pairs', () => {
  it('puts timelines of different lengths on one bounded axis from each request', () => {
    const a = new Timeline();
    a.reset(100);
    for (let i = 0; i < 50; i += 1) a.add(100 + i, 1000);
    const b = new Timeline();
    b.reset(5000);
    for (let i = 0; i < 400; i += 1) b.add(5000 + i * 2, 500);
    const o = overlaySeries([a, b, undefined]);
    expect(o.x.length).toBeLessThanOrEqual(OVERLAY_STEPS + 1);
    expect(o.x[0]).toBe(0);
    expect(o.rates).toHaveLength(3);
    // Bytes are kept: rate × step sums back to each exchange's payload.
    const total = (r: (number | null)[]) => r.reduce<number>((s, v) => s + ((v ?? 0) * o.stepMs) / 1000, 0);
    expect(total(o.rates[0]!)).toBeCloseTo(50_000, 0);
    expect(total(o.rates[1]!)).toBeCloseTo(200_000, 0);
    // The shorter one ends (null) where it ended, not at zero to the right edge.
    expect(o.rates[0]!.at(-1)).toBeNull();
    expect(o.rates[2]!.every((v) => v === null)).toBe(true);
  });

  it("pairs a server's exchange with the client's by ports, and forgets a pair when a port is reused", () => {
    const pairs = new PairIndex();
    const c = { endpoint: 'c1', role: 'client' as const, proto: 'udp' as const, local: '0.0.0.0:40000', remote: '127.0.0.1:8120' };
    const s = { endpoint: 's1', role: 'server' as const, proto: 'udp' as const, local: '127.0.0.1:8120', remote: '127.0.0.1:40000' };
    expect(pairs.record([ev({ ...c, kind: 'request', exchange: 'x1' }), ev({ ...s, kind: 'request', exchange: 'x9' })])).toBe(true);
    expect(sharedIdOf(pairs, { ...s, id: 'x9' })).toEqual({ id: 'x1', other: 'x9' });
    expect(sharedIdOf(pairs, { ...c, id: 'x1' })).toEqual({ id: 'x1', other: 'x9' });
    // TCP on the same ports is another pair.
    expect(sharedIdOf(pairs, { ...s, proto: 'tcp', id: 'x9' }).other).toBeNull();
    pairs.record([ev({ ...c, kind: 'request', exchange: 'x5' })]);
    expect(sharedIdOf(pairs, { ...s, id: 'x9' })).toEqual({ id: 'x9', other: null });
  });
});
