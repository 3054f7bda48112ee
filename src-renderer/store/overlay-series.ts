// Several exchanges' timelines on one time axis (seconds since each exchange's request): each
// timeline's drawn steps are re-binned onto one common grid of at most OVERLAY_STEPS steps.
import type { Timeline } from './timeline.js';

export const OVERLAY_STEPS = 120;

export interface OverlaySeries {
  /** Step start, seconds since the request. */
  x: number[];
  /** One payload rate per exchange (bytes per second), null where that exchange had ended. */
  rates: (number | null)[][];
  stepMs: number;
}

export function overlaySeries(timelines: readonly (Timeline | undefined)[]): OverlaySeries {
  const drawn = timelines.map((t) => (t && t.binCount > 0 ? { t, s: t.series(), w: t.drawnBinMs } : null));
  const spanMs = Math.max(0, ...drawn.map((d) => (d ? d.s.x.length * d.w : 0)));
  if (spanMs === 0) return { x: [], rates: timelines.map(() => []), stepMs: 0 };
  const stepMs = Math.max(spanMs / OVERLAY_STEPS, ...drawn.map((d) => (d ? d.w : 0)));
  const steps = Math.max(1, Math.ceil(spanMs / stepMs));
  const x = Array.from({ length: steps }, (_, i) => (i * stepMs) / 1000);
  const rates = drawn.map((d) => {
    const out: (number | null)[] = new Array<number | null>(steps).fill(null);
    if (!d) return out;
    const bytes = new Array<number>(steps).fill(0);
    let last = 0;
    d.s.x.forEach((sec, i) => {
      const step = Math.min(steps - 1, Math.floor((sec * 1000) / stepMs));
      bytes[step]! += ((d.s.rate[i] ?? 0) * d.w) / 1000;
      last = step;
    });
    for (let i = 0; i <= last; i += 1) out[i] = (bytes[i]! * 1000) / stepMs;
    return out;
  });
  return { x, rates, stepMs };
}
