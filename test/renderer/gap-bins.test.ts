// The gap histogram's bins: a regular interval sits at a bin's centre, never on an edge, so a
// stream's gaps (jittering around its interval) are counted in one bin.
import { describe, expect, it } from 'vitest';
import { GAP_BINS, gapBinOf } from '../../src-renderer/store/gap-bins.js';
import { Timeline } from '../../src-renderer/store/timeline.js';

/** Gaps of a stream at `intervalMs` whose arrivals jitter by up to ±`jitter` of the interval. */
function streamGaps(intervalMs: number, jitter: number, n = 500): number[] {
  const gaps: number[] = [];
  let seed = 7;
  for (let i = 0; i < n; i += 1) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    gaps.push(intervalMs * (1 + jitter * (2 * (seed / 2 ** 31) - 1)));
  }
  return gaps;
}

describe('gap histogram bins', () => {
  it('cover 0 to infinity without holes or overlaps', () => {
    expect(GAP_BINS[0]!.lowMs).toBe(0);
    expect(GAP_BINS.at(-1)!.highMs).toBe(Infinity);
    for (let i = 1; i < GAP_BINS.length; i += 1) expect(GAP_BINS[i]!.lowMs).toBe(GAP_BINS[i - 1]!.highMs);
  });

  it('put every round interval at the centre of its bin, well inside its edges', () => {
    for (const bin of GAP_BINS) {
      if (bin.centreMs === null) continue;
      expect(gapBinOf(bin.centreMs)).toBe(GAP_BINS.indexOf(bin));
      expect(bin.centreMs / bin.lowMs).toBeGreaterThanOrEqual(1.3);
      expect(bin.highMs / bin.centreMs).toBeGreaterThanOrEqual(1.3);
    }
  });

  it('count a 10 ms stream’s gaps (±25 % jitter) in one bin, “≈ 10 ms”', () => {
    const bins = new Set(streamGaps(10, 0.25).map(gapBinOf));
    expect(bins.size).toBe(1);
    expect(GAP_BINS[[...bins][0]!]!.label).toBe('≈ 10 ms');
    // Exactly on the interval and just either side of it: the same bin.
    expect(gapBinOf(9.999)).toBe(gapBinOf(10));
    expect(gapBinOf(10.001)).toBe(gapBinOf(10));
  });

  it('count a 1 ms stream’s gaps (±25 % jitter) in one bin, “≈ 1 ms”', () => {
    const bins = new Set(streamGaps(1, 0.25).map(gapBinOf));
    expect(bins.size).toBe(1);
    expect(GAP_BINS[[...bins][0]!]!.label).toBe('≈ 1 ms');
  });

  it('keep back-to-back arrivals and very long pauses in the end bins', () => {
    expect(gapBinOf(0)).toBe(0);
    expect(gapBinOf(-1)).toBe(0);
    expect(GAP_BINS[0]!.label).toBe('< 0.07 ms');
    expect(gapBinOf(60_000)).toBe(GAP_BINS.length - 1);
    expect(GAP_BINS.at(-1)!.label).toBe('≥ 1.5 s');
    expect(GAP_BINS[gapBinOf(1000)]!.label).toBe('≈ 1 s');
  });

  it('are what the timeline counts', () => {
    const tl = new Timeline();
    tl.reset(0);
    let t = 0;
    for (const gap of [0, ...streamGaps(10, 0.1, 99)]) tl.add((t += gap), 100);
    expect(tl.gapHistogram[gapBinOf(10)]).toBe(99);
  });
});
