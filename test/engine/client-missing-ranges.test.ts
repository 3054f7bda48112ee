// Missing sequence numbers as ranges, read from the tracker's bitmap: in sending order, bounded,
// and cheap on a huge stream.
import { describe, expect, it } from 'vitest';
import { MISSING_RANGES_MAX, SequenceTracker } from '../../src-main/engine/client/sequence-tracker.js';
import { toRanges } from '../../src-shared/wire/ranges.js';

function tracker(count: number, received: Iterable<number>): SequenceTracker {
  const t = new SequenceTracker(count);
  for (const n of received) t.note(n);
  return t;
}

/** The reference: every number, by brute force, as ranges highest first. */
function brute(count: number, received: Set<number>): { from: number; to: number }[] {
  const missing: number[] = [];
  for (let n = 1; n <= count; n++) if (!received.has(n)) missing.push(n);
  return toRanges(missing).reverse();
}

describe('SequenceTracker.missingRanges', () => {
  it('one gap in the middle, one at each end', () => {
    const got = new Set([9, 8, 6, 5, 4, 2]);
    const t = tracker(10, got);
    expect(t.missingRanges()).toEqual({ ranges: [{ from: 10, to: 10 }, { from: 7, to: 7 }, { from: 3, to: 3 }, { from: 1, to: 1 }], count: 4 });
  });

  it('a burst across bitmap words is one range', () => {
    const got = new Set<number>();
    for (let n = 5000; n >= 1; n--) if (n < 2009 || n > 2821) got.add(n);
    expect(tracker(5000, got).missingRanges()).toEqual({ ranges: [{ from: 2009, to: 2821 }], count: 1 });
  });

  it('nothing received: the whole stream is one range; everything received: none', () => {
    const none = new SequenceTracker(100);
    none.note(null); // unnumbered: the bitmap never allocated
    expect(none.missingRanges()).toEqual({ ranges: [{ from: 1, to: 100 }], count: 1 });
    expect(tracker(64, Array.from({ length: 64 }, (_, i) => 64 - i)).missingRanges()).toEqual({ ranges: [], count: 0 });
  });

  it('matches brute force on random loss at every word boundary', () => {
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const count of [1, 31, 32, 33, 63, 64, 65, 1000]) {
      const got = new Set<number>();
      for (let n = count; n >= 1; n--) if (rnd() > 0.3) got.add(n);
      const t = tracker(count, got);
      const want = brute(count, got);
      expect(t.missingRanges(10_000)).toEqual({ ranges: want, count: want.length });
    }
  });

  it('bounds the list at MISSING_RANGES_MAX and counts the rest', () => {
    // Every other number lost: 5,000 ranges of one.
    const t = tracker(10_000, Array.from({ length: 5000 }, (_, i) => 10_000 - 2 * i));
    const r = t.missingRanges();
    expect(r.ranges).toHaveLength(MISSING_RANGES_MAX);
    expect(r.count).toBe(5000);
    expect(r.ranges[0]).toEqual({ from: 9999, to: 9999 });
  });

  it('a huge stream (10 million, one burst lost) answers quickly without listing numbers', () => {
    const count = 10_000_000;
    const t = new SequenceTracker(count);
    for (let n = count; n >= 1; n--) if (n < 4_000_000 || n > 4_500_000) t.note(n);
    const started = performance.now();
    const r = t.missingRanges();
    expect(performance.now() - started).toBeLessThan(500);
    expect(r).toEqual({ ranges: [{ from: 4_000_000, to: 4_500_000 }], count: 1 });
    expect(t.missing).toBe(500_001);
  });
});
