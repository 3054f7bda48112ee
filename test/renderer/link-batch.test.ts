// A client's link events: they never become client exchanges, they count (and mark on the
// timeline) the drops of the client's current exchange, and the link summary reaches the view.
import { describe, expect, it } from 'vitest';
import { createClientStore } from '../../src-renderer/store/create-stores.js';
import type { ExchangeSummary, LinkDirectionStats } from '../../src-shared/events.js';
import { createFakeTransport, ev } from './fake-transport.js';

const CLIENT = '127.0.0.1:51234';
const LINK = '127.0.0.1:40000';

function direction(extra: Partial<LinkDirectionStats> = {}): LinkDirectionStats {
  return {
    packetsIn: 0, bytesIn: 0, packetsOut: 0, bytesOut: 0, dropped: { random: 0, burst: 0, queue: 0, mtu: 0 },
    fragmented: 0, duplicated: 0, reordered: 0, delayP50Ms: null, delayP99Ms: null, ...extra,
  };
}

describe('link events in the client store', () => {
  it('counts and marks the drops of the current exchange with one set() per batch', () => {
    const t = createFakeTransport();
    const store = createClientStore(t, { conditionsStorage: null });
    store.getState().attach();
    store.getState().adoptEndpoint('c1');
    store.getState().adoptEndpoint('l1');
    let sets = 0;
    store.subscribe(() => (sets += 1));
    const client = (i: number) => ev({ endpoint: 'c1', kind: 'rx', exchange: 'x1', bytes: 100, segment: i, t: 10 + i, local: CLIENT, remote: LINK });
    const link = (kind: 'drop' | 'tx', i: number) =>
      ev({ endpoint: 'l1', role: 'link', kind, exchange: 'lx1', bytes: 100, t: 10.5 + i, local: LINK, remote: CLIENT, detail: 'random' });
    // Another client's drop through the same link does not count.
    const other = ev({ endpoint: 'l1', role: 'link', kind: 'drop', exchange: 'lx2', t: 12, local: LINK, remote: '127.0.0.1:9999' });
    t.emit([client(0), link('tx', 0), client(1), link('drop', 1), link('drop', 2), other, client(3)]);
    expect(sets).toBe(1);
    const s = store.getState();
    expect(s.exchangeIds).toEqual(['x1']);
    expect(s.currentExchange).toBe('x1');
    expect(s.timeline.bytes).toBe(300);
    expect(s.timeline.drops).toBe(2);
    expect(s.timeline.series().drops.filter((d) => d !== null).length).toBeGreaterThan(0);
    expect(s.linkView).toMatchObject({ exchange: 'x1', drops: 2, stats: null });
    expect(s.ring.length).toBe(7);

    const stats = { seed: 42, conditions: 'lossy-10: loss 10 %', upstream: direction(), downstream: direction({ packetsIn: 4, packetsOut: 2, dropped: { random: 2, burst: 0, queue: 0, mtu: 0 } }) };
    const summary = { exchange: 'lx1', local: LINK, remote: CLIENT, link: stats } as unknown as ExchangeSummary;
    t.emit([ev({ endpoint: 'l1', role: 'link', kind: 'summary', exchange: 'lx1', t: 20, local: LINK, remote: CLIENT, summary })]);
    expect(store.getState().linkView?.stats).toEqual(stats);
    expect(store.getState().exchangeIds).toEqual(['x1']);
  });
});
