// @vitest-environment happy-dom
// The timeline's value axes are as wide as their widest label, so the right axis is never clipped.
import { describe, expect, it } from 'vitest';
import type uPlot from 'uplot';
import { fitAxisSize } from '../../src-renderer/components/timeline-chart.js';

/** A uPlot stand-in whose canvas measures 6 px per character. */
function fakePlot(): { self: uPlot; fonts: string[] } {
  const fonts: string[] = [];
  const ctx = {
    set font(f: string) {
      fonts.push(f);
    },
    measureText: (s: string) => ({ width: s.length * 6 }),
  };
  const self = { axes: [{}, { font: ['11px system-ui', 11, 11], ticks: { size: 10 }, gap: 5 }], ctx } as unknown as uPlot;
  return { self, fonts };
}

describe('timeline axis size', () => {
  it('grows with the widest label, in the axis font', () => {
    const { self, fonts } = fakePlot();
    const narrow = fitAxisSize(self, ['0', '5 ms', '10 ms'], 1, 0);
    const wide = fitAxisSize(self, ['0', '2.5 MB/s', '12.5 MB/s'], 1, 0);
    expect(wide - narrow).toBe((9 - 5) * 6);
    // 9 characters × 6 px + tick 10 + gap 5 + padding 6.
    expect(wide).toBe(75);
    expect(fonts).toContain('11px system-ui');
  });

  it('keeps a minimum width for an empty chart', () => {
    const { self } = fakePlot();
    expect(fitAxisSize(self, null, 1, 0)).toBe(28);
    expect(fitAxisSize(self, ['', ''], 1, 0)).toBe(28);
  });
});
