import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { PACER_MAX_SENDS_PER_TURN, paceStream } from '../../src-main/engine/server/stream-pacer.js';

describe('paceStream: absolute deadlines', () => {
  it('sends segment k no earlier than start + (k + 1) × interval, without drift', async () => {
    let start = -1;
    const now = (): number => {
      const t = performance.now();
      if (start < 0) start = t;
      return t;
    };
    const sentAt: number[] = [];
    const result = await paceStream({ intervalMs: 4, count: 40, now }, () => {
      sentAt.push(performance.now());
      return true;
    });
    expect(result).toBe('done');
    expect(sentAt).toHaveLength(40);
    const lateness = sentAt.map((t, k) => t - (start + (k + 1) * 4));
    lateness.forEach((late) => expect(late).toBeGreaterThanOrEqual(0));
    // No drift: relative sleeps would add ~1 ms per segment (median ≈ 20 ms here); absolute
    // deadlines keep the typical segment within a timer tick. Loose, for shared CI cores.
    const median = [...lateness].sort((a, b) => a - b)[20]!;
    expect(median).toBeLessThan(15);
  });

  it('when behind, sends every overdue segment at once', async () => {
    // The clock starts 95 ms late: segments due at 10 … 90 ms are all overdue.
    let calls = 0;
    const t0 = performance.now();
    const now = (): number => (calls++ === 0 ? 0 : 95 + performance.now() - t0);
    const sentAt: number[] = [];
    const run = paceStream({ intervalMs: 10, count: 12, now }, () => {
      sentAt.push(performance.now());
      return true;
    });
    // The nine overdue segments (due at 10 … 90 ms) left at once, before paceStream even returned.
    expect(sentAt).toHaveLength(9);
    await run;
    // Segment 9 waited for its deadline: 100 ms on the shifted clock, 5 ms after t0.
    expect(sentAt[9]! - t0).toBeGreaterThanOrEqual(5);
    expect(sentAt).toHaveLength(12);
  });

  it('interval 0 sends as fast as it can but yields to other work', async () => {
    let sent = 0;
    let sentWhenOtherWorkRan = -1;
    setImmediate(() => (sentWhenOtherWorkRan = sent));
    await paceStream({ intervalMs: 0, count: 1000 }, () => {
      sent += 1;
      return true;
    });
    expect(sent).toBe(1000);
    expect(sentWhenOtherWorkRan).toBeGreaterThan(0);
    expect(sentWhenOtherWorkRan).toBeLessThanOrEqual(PACER_MAX_SENDS_PER_TURN);
  });

  it('awaits a send that reports backpressure before the next one', async () => {
    const order: string[] = [];
    await paceStream({ intervalMs: 0, count: 3 }, async (i) => {
      order.push(`start ${i}`);
      await new Promise((r) => setImmediate(r));
      order.push(`end ${i}`);
      return true;
    });
    expect(order).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('stops when a send returns false (the peer has gone)', async () => {
    let sent = 0;
    const result = await paceStream({ intervalMs: 0, count: 10 }, () => ++sent < 3);
    expect(result).toBe('stopped');
    expect(sent).toBe(3);
  });

  it('is cancelled promptly, also in the middle of a long sleep', async () => {
    const abort = new AbortController();
    const started = performance.now();
    const run = paceStream({ intervalMs: 60_000, count: 2, signal: abort.signal }, () => true);
    setTimeout(() => abort.abort(), 5);
    expect(await run).toBe('cancelled');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('does not send once cancelled', async () => {
    const abort = new AbortController();
    let sent = 0;
    const result = await paceStream({ intervalMs: 0, count: 100, signal: abort.signal }, () => {
      if (++sent === 5) abort.abort();
      return true;
    });
    expect(result).toBe('cancelled');
    expect(sent).toBe(5);
  });
});
