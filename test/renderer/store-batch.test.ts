// The stores apply each event batch with ONE set(), keep a bounded log and bounded aggregates.
import { describe, expect, it } from 'vitest';
import { GAP_BINS, gapBinOf } from '../../src-renderer/store/gap-bins.js';
import { createClientStore, createServerStore } from '../../src-renderer/store/create-stores.js';
import { EventRing } from '../../src-renderer/store/event-ring.js';
import { TIMELINE_BIN_MS, TIMELINE_DRAWN_BINS, TIMELINE_MAX_BINS, Timeline } from '../../src-renderer/store/timeline.js';
import type { ExchangeSummary } from '../../src-shared/events.js';
import { createFakeTransport, endpointInfo, ev, ok } from './fake-transport.js';

function countSets(store: { subscribe(l: () => void): () => void }): { readonly n: number } {
  const counter = { n: 0 };
  store.subscribe(() => {
    counter.n += 1;
  });
  return counter;
}

describe('event batches', () => {
  it('applies a batch of 2,000 datagram events with one set()', () => {
    const t = createFakeTransport();
    const store = createClientStore(t);
    store.getState().attach();
    store.getState().adoptEndpoint('c1');
    const sets = countSets(store);
    const batch = Array.from({ length: 2000 }, (_, i) =>
      ev({ endpoint: 'c1', kind: 'rx', exchange: 'x1', bytes: 1120, t: 10 + i * 0.01 }),
    );
    t.emit(batch);
    expect(sets.n).toBe(1);
    const s = store.getState();
    expect(s.ring.length).toBe(2000);
    expect(s.exchanges.x1!.bytes).toBe(2000 * 1120);
    expect(s.exchanges.x1!.packets).toBe(2000);
    expect(s.currentExchange).toBe('x1');
    expect(s.timeline.bytes).toBe(2000 * 1120);
  });

  it('ignores batches for other windows without a set()', () => {
    const t = createFakeTransport();
    const store = createServerStore(t);
    store.getState().attach();
    store.getState().adoptEndpoint('s1');
    const sets = countSets(store);
    t.emit([ev({ endpoint: 'c9', kind: 'rx', bytes: 10 }), ev({ endpoint: 'c9', kind: 'rx', bytes: 10 })]);
    expect(sets.n).toBe(0);
    expect(store.getState().ring.length).toBe(0);
  });

  it('keeps early events of an endpoint adopted after they arrived', () => {
    const t = createFakeTransport();
    const store = createServerStore(t);
    store.getState().attach();
    t.emit([ev({ endpoint: 's7', role: 'server', kind: 'listening', detail: 'listening on 127.0.0.1:8120' })]);
    store.getState().adoptEndpoint('s7');
    expect(store.getState().ring.at(0)?.kind).toBe('listening');
  });

  it('keeps only the newest events in a bounded ring', () => {
    const t = createFakeTransport();
    const store = createClientStore(t, { ringCapacity: 100 });
    store.getState().attach();
    store.getState().adoptEndpoint('c1');
    const first = ev({ endpoint: 'c1', kind: 'rx', bytes: 1 }).seq;
    t.emit(Array.from({ length: 249 }, () => ev({ endpoint: 'c1', kind: 'rx', bytes: 1 })));
    const { ring } = store.getState();
    expect(ring.length).toBe(100);
    expect(ring.dropped).toBe(150 - 1);
    expect(ring.at(0)!.seq).toBe(first + 150);
    expect(ring.at(99)!.seq).toBe(first + 249);
  });

  it('ring: wraps in order and clears', () => {
    const ring = new EventRing<number>(3);
    for (let i = 1; i <= 7; i += 1) ring.push(i);
    expect([ring.at(0), ring.at(1), ring.at(2), ring.at(3)]).toEqual([5, 6, 7, undefined]);
    expect(ring.total).toBe(7);
    ring.clear();
    expect(ring.length).toBe(0);
  });
});

describe('aggregates', () => {
  it('timeline bins bytes per ms and histograms the gaps', () => {
    const tl = new Timeline();
    tl.reset(1000);
    tl.add(1000.2, 100);
    tl.add(1000.7, 100); // gap 0.5 ms, same bin
    tl.add(1002.5, 50); // gap 1.8 ms, bin 2
    const s = tl.series();
    expect(s.x).toEqual([0, 0.001, 0.002]);
    expect(s.rate).toEqual([200 * 1000, 0, 50 * 1000]);
    expect(s.gap[0]).toBeCloseTo(0.5, 9);
    expect(s.gap[1]).toBeNull();
    expect(s.gap[2]).toBeCloseTo(1.8, 9);
    expect(tl.maxGapMs).toBeCloseTo(1.8, 9);
    // bins centred on 1 / 2 / 5 × 10^k ms: 0.5 ms in "≈ 0.5 ms", 1.8 ms in "≈ 2 ms"
    expect(tl.gapHistogram[gapBinOf(0.5)]).toBe(1);
    expect(tl.gapHistogram[gapBinOf(1.8)]).toBe(1);
    expect(GAP_BINS[gapBinOf(1.8)]!.label).toBe('≈ 2 ms');
    expect(tl.gapHistogram.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('timeline draws at most TIMELINE_DRAWN_BINS steps, each the sum of its bins and their largest gap', () => {
    const tl = new Timeline();
    tl.reset(0);
    for (let t = 0; t < 1000; t += 2.5) tl.add(t, 10);
    tl.add(1003, 10); // one late arrival: a 5.5 ms gap
    expect(tl.binCount).toBe(1004);
    const s = tl.series();
    expect(s.x.length).toBeLessThanOrEqual(TIMELINE_DRAWN_BINS);
    expect(tl.drawnBinMs).toBe(9);
    expect(s.rate.reduce<number>((a, b) => a + (b ?? 0), 0) * (tl.drawnBinMs / 1000)).toBeCloseTo(tl.bytes, 6);
    expect(s.gap.at(-1)).toBeCloseTo(5.5, 9);
    expect(Math.max(...s.gap.slice(0, -1).map((g) => g ?? 0))).toBeCloseTo(2.5, 9);
  });

  it('timeline stays bounded: bins merge instead of growing', () => {
    const tl = new Timeline();
    tl.reset(0);
    for (let t = 0; t < 600_000; t += 7) tl.add(t, 1);
    expect(tl.binCount).toBeLessThanOrEqual(TIMELINE_MAX_BINS);
    expect(tl.binMs).toBeGreaterThan(TIMELINE_BIN_MS);
    expect(tl.series().rate.reduce<number>((a, b) => a + (b ?? 0), 0) * (tl.drawnBinMs / 1000)).toBeCloseTo(tl.bytes, 6);
  });

  it('UDP idle countdown restarts with each datagram and stops at the summary', async () => {
    let now = 50_000;
    const t = createFakeTransport();
    t.api.openClient.mockImplementation(() => ok(endpointInfo('c1', 'client', 'udp')));
    let finish: (s: ExchangeSummary) => void = () => {};
    t.api.send.mockImplementation(() => new Promise((resolve) => (finish = (s) => resolve({ ok: true, value: s }))));
    const store = createClientStore(t, { now: () => now });
    store.getState().attach();
    store.getState().setClientField('proto', 'udp');
    store.getState().setClientField('tab', 'file');
    const sending = store.getState().send();
    await expect.poll(() => store.getState().sending).toBe(true);
    expect(store.getState().wait).toMatchObject({ kind: 'prepare', deadline: 150_000 });

    t.emit([ev({ endpoint: 'c1', kind: 'tx', exchange: 'x1', t: 100 }), ev({ endpoint: 'c1', kind: 'prepared', exchange: 'x1', t: 101 })]);
    expect(store.getState().wait).toMatchObject({ kind: 'idle', deadline: 52_000 });
    now = 51_000;
    // The datagram is 5 ms older than the newest event of its batch: the engine's timer started then.
    t.emit([ev({ endpoint: 'c1', kind: 'rx', exchange: 'x1', bytes: 1120, t: 200 }), ev({ endpoint: 'c1', kind: 'tx', exchange: 'x1', t: 205 })]);
    expect(store.getState().wait).toMatchObject({ kind: 'idle', deadline: 52_995 });
    t.emit([ev({ endpoint: 'c1', kind: 'summary', exchange: 'x1', t: 2300 })]);
    expect(store.getState().wait).toBeNull();
    finish({ end: 'idle-timeout' } as ExchangeSummary);
    await sending;
    expect(store.getState().sending).toBe(false);
  });

  it('the server timeline follows its newest exchange and counts what it sends', () => {
    const t = createFakeTransport();
    const store = createServerStore(t);
    store.getState().attach();
    store.getState().adoptEndpoint('s1');
    const at = (exchange: string) => ({ endpoint: 's1', role: 'server' as const, exchange });
    t.emit([ev({ ...at('x1'), kind: 'request', t: 10 }), ev({ ...at('x1'), kind: 'tx', bytes: 100, t: 11 }), ev({ ...at('x1'), kind: 'rx', bytes: 9, t: 12 })]);
    expect(store.getState().timelineExchange).toBe('x1');
    expect(store.getState().timeline.bytes).toBe(100);
    // A second client's exchange starts while x1 still sends: the chart moves to it.
    t.emit([ev({ ...at('x2'), kind: 'request', t: 20 }), ev({ ...at('x1'), kind: 'tx', bytes: 100, t: 21 }), ev({ ...at('x2'), kind: 'tx', bytes: 7, t: 22 })]);
    const s = store.getState();
    expect(s.timelineExchange).toBe('x2');
    expect(s.timeline.startT).toBe(20);
    expect(s.timeline.bytes).toBe(7);
    expect(s.timelineVersion).toBe(s.timeline.version);
  });

  it('a new exchange id starts a fresh timeline', () => {
    const t = createFakeTransport();
    const store = createClientStore(t);
    store.getState().attach();
    store.getState().adoptEndpoint('c1');
    t.emit([ev({ endpoint: 'c1', kind: 'rx', exchange: 'x1', bytes: 10, t: 5 })]);
    t.emit([ev({ endpoint: 'c1', kind: 'tx', exchange: 'x2', t: 900 }), ev({ endpoint: 'c1', kind: 'rx', exchange: 'x2', bytes: 7, t: 910 })]);
    const s = store.getState();
    expect(s.currentExchange).toBe('x2');
    expect(s.timeline.startT).toBe(900);
    expect(s.timeline.bytes).toBe(7);
  });
});
