// The timeline's axes top out above the largest value with ticks whose labels all differ. (The
// numbers themselves, fmtMs and the rest, are tested in test/shared/format-numbers.test.ts.)
import { describe, expect, it } from 'vitest';
import {
  MS_UNITS,
  RATE_UNITS,
  SECOND_UNITS,
  axisLabels,
  axisScale,
  axisTicks,
} from '../../src-renderer/display/chart-scale.js';

describe('timeline axes', () => {
  const cases: [number, readonly { name: string; size: number }[]][] = [
    [4_690_000, RATE_UNITS],
    [11_400_000, RATE_UNITS],
    [999, RATE_UNITS],
    [274, RATE_UNITS],
    [0.05, MS_UNITS],
    [0.94, MS_UNITS],
    [52, MS_UNITS],
    [1000, MS_UNITS],
    [1e-7, MS_UNITS],
  ];
  it.each(cases)('max %d: the top is above it, ticks are whole steps from 0, labels all differ', (max, units) => {
    const scale = axisScale(max, units === MS_UNITS ? 0.01 : 1);
    expect(scale.top).toBeGreaterThan(max);
    expect(scale.top).toBeLessThan(Math.max(max, 0.01) * 2);
    const ticks = axisTicks(scale);
    expect(ticks[0]).toBe(0);
    expect(ticks.at(-1)).toBeCloseTo(scale.top, 9);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks.length).toBeLessThanOrEqual(7);
    const labels = axisLabels(ticks, units);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('labels share one unit picked from the top', () => {
    expect(axisLabels(axisTicks(axisScale(11_400_000, 1)), RATE_UNITS)).toEqual(['0', '5 MB/s', '10 MB/s', '15 MB/s']);
    expect(axisLabels(axisTicks(axisScale(700_000, 1)), RATE_UNITS)).toEqual(['0', '200 kB/s', '400 kB/s', '600 kB/s', '800 kB/s']);
    expect(axisLabels(axisTicks(axisScale(0.94, 1)), MS_UNITS)).toEqual(['0', '0.5 ms', '1 ms', '1.5 ms']);
    expect(axisLabels(axisTicks(axisScale(1000, 1)), MS_UNITS)).toEqual(['0', '0.5 s', '1 s', '1.5 s']);
    expect(axisLabels([0, 0.02, 0.04, 0.06], SECOND_UNITS)).toEqual(['0', '20 ms', '40 ms', '60 ms']);
    expect(axisLabels([0, 0.5, 1, 1.5], SECOND_UNITS)).toEqual(['0', '0.5 s', '1 s', '1.5 s']);
  });

  it('no data: the fallback range, never a repeated label', () => {
    const ticks = axisTicks(axisScale(Number.NEGATIVE_INFINITY, 1));
    expect(ticks).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const labels = axisLabels(ticks, RATE_UNITS);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
