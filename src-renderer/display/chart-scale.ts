// Axis ranges and tick labels for the timeline: a top a little above the largest value, rounded
// to a 1 / 2 / 2.5 / 5 step, and labels that share one unit, so every label differs from the next.

/** Ticks wanted on a value axis (a 180-px chart has room for about this many). */
export const AXIS_TICKS = 4;
/** The top sits at least this far above the largest value, so its dot is never cut in half. */
const HEADROOM = 1.08;

export interface AxisScale {
  top: number;
  step: number;
}

function niceStep(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  const nice = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10;
  return nice * magnitude;
}

/**
 * 0 … top in whole steps, the top above `max` with headroom, and never below `minTop` (the range
 * an empty chart shows, and the finest one worth labelling).
 */
export function axisScale(max: number, minTop: number): AxisScale {
  const want = Math.max(Number.isFinite(max) && max > 0 ? max * HEADROOM : 0, minTop);
  const step = niceStep(want / AXIS_TICKS);
  // Rounded to the step's own precision so 0.1 × 3 never prints as 0.30000000000000004.
  const top = Number((Math.ceil(want / step - 1e-9) * step).toPrecision(12));
  return { top, step };
}

export function axisTicks({ top, step }: AxisScale): number[] {
  const ticks: number[] = [];
  for (let i = 0; i * step <= top + step * 1e-9 && i <= 2 * AXIS_TICKS + 2; i += 1) {
    ticks.push(Number((i * step).toPrecision(12)));
  }
  return ticks;
}

/** The fewest decimals (at most 6) that write `v` exactly: 2.5 → 1, 0.25 → 2, 500 → 0. */
function decimalsOf(v: number): number {
  for (let d = 0; d < 6; d += 1) {
    const scaled = v * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6 * Math.max(1, scaled)) return d;
  }
  return 6;
}

export interface AxisUnit {
  name: string;
  size: number;
}

/** Labels in one unit picked from the top (the largest unit not above it), with the step's decimals. */
export function axisLabels(ticks: readonly number[], units: readonly AxisUnit[]): string[] {
  const top = Math.max(0, ...ticks);
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : top;
  let unit = units[0]!;
  for (const u of units) if (top >= u.size) unit = u;
  const decimals = decimalsOf(step / unit.size);
  return ticks.map((v) => (v === 0 ? '0' : `${+(v / unit.size).toFixed(decimals)} ${unit.name}`));
}

export const RATE_UNITS: readonly AxisUnit[] = [
  { name: 'B/s', size: 1 },
  { name: 'kB/s', size: 1e3 },
  { name: 'MB/s', size: 1e6 },
  { name: 'GB/s', size: 1e9 },
];

export const MS_UNITS: readonly AxisUnit[] = [
  { name: 'ms', size: 1 },
  { name: 's', size: 1000 },
];

/** The time axis counts seconds; a transfer shorter than a second reads better in ms. */
export const SECOND_UNITS: readonly AxisUnit[] = [
  { name: 'ms', size: 0.001 },
  { name: 's', size: 1 },
];
