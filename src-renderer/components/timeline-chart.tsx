// The live timeline of the view's newest exchange: payload rate per time bin and the largest gap
// between payload events per bin (arrivals on a client, writes / datagrams sent on a server),
// drawn by uPlot on one canvas from the store's bounded aggregate (never a node per packet).
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Role } from '../../src-shared/events.js';
import { GAP_BINS } from '../store/gap-bins.js';
import { useBase, useBaseStore, useBaseThrottled } from '../store/store-context.js';
import { cssVar, useColorScheme } from '../display/use-color-scheme.js';
import { fmtInt, fmtMs } from '../display/format.js';
import { MS_UNITS, RATE_UNITS, SECOND_UNITS, axisLabels, axisScale, axisTicks } from '../display/chart-scale.js';
import type { AxisUnit } from '../display/chart-scale.js';

const CHART_HEIGHT_PX = 180;
/** Redraws at most 4 times a second, however fast datagrams arrive. */
const REDRAW_MS = 250;
/** The smallest top of each value axis: an empty chart's range (its labels stay hidden until data
 *  comes), and a floor so a run of near-zero gaps is not labelled in nanoseconds. */
const MIN_RATE_TOP_BPS = 1;
const MIN_GAP_TOP_MS = 0.01;
/** Where drop marks sit on their own 0–1 scale: just above the time axis. */
const DROP_MARK_Y = 0.04;

/** What the chart calls things in each view: a client receives the payload, a server sends it. */
const WORDS: Record<Role, { rate: string; gap: string; gaps: string; empty: string }> = {
  client: {
    rate: 'payload rate',
    gap: 'largest gap between arrivals',
    gaps: 'Gaps between arrivals',
    empty: 'Payload arrivals are drawn here as they come in.',
  },
  server: {
    rate: 'send rate',
    gap: 'largest gap between writes',
    gaps: 'Gaps between writes',
    empty: 'What the server sends for its newest exchange is drawn here.',
  },
  link: {
    rate: 'relay rate',
    gap: 'largest gap between relayed packets',
    gaps: 'Gaps between relayed packets',
    empty: 'What the link relays is drawn here.',
  },
};

function canvasWorks(): boolean {
  try {
    return typeof document.createElement('canvas').getContext('2d')?.fillRect === 'function';
  } catch {
    return false;
  }
}

/** A value axis from 0 to a rounded top above the data, ticks at whole steps, one unit per axis. */
function valueAxis(
  units: readonly AxisUnit[],
  minTop: number,
): Pick<uPlot.Axis, 'splits' | 'values'> & { range: uPlot.Scale.Range } {
  // uPlot asks for the range from the data, then for the ticks of that range: the ticks must use
  // the step the range was rounded to, not one worked out again from the rounded top.
  let scale = axisScale(0, minTop);
  return {
    range: (_u, _min, max) => {
      scale = axisScale(max, minTop);
      return [0, scale.top];
    },
    splits: () => axisTicks(scale),
    values: (u, ticks) => (u.data[0].length === 0 ? ticks.map(() => '') : axisLabels(ticks, units)),
  };
}

/** Room between a value axis's labels and the chart's edge, px, beside the tick length. */
const AXIS_LABEL_PAD_PX = 6;
/** The narrowest a value axis gets, px: an empty chart's. */
const AXIS_MIN_PX = 28;

/**
 * A value axis as wide as its widest label ("12.5 MB/s" needs more room than "0"), measured in the
 * axis's own font, so the right axis's labels are never clipped at the canvas edge.
 */
export const fitAxisSize = (self: uPlot, values: string[] | null, axisIdx: number, cycleNum: number): number => {
  const axis = self.axes[axisIdx]!;
  // uPlot re-asks while it settles the layout; the first answer of a cycle stands.
  if (cycleNum > 1 && typeof (axis as { _size?: number })._size === 'number') return (axis as { _size: number })._size;
  const widest = (values ?? []).reduce<string>((acc, v) => (String(v).length > acc.length ? String(v) : acc), '');
  let width = 0;
  if (widest !== '') {
    const font = Array.isArray(axis.font) ? axis.font[0] : axis.font;
    if (typeof font === 'string') self.ctx.font = font;
    width = self.ctx.measureText(widest).width / (globalThis.devicePixelRatio || 1);
  }
  const ticks = typeof axis.ticks?.size === 'number' ? axis.ticks.size : 10;
  const gap = typeof axis.gap === 'number' ? axis.gap : 5;
  return Math.max(AXIS_MIN_PX, Math.ceil(width + ticks + gap + AXIS_LABEL_PAD_PX));
};

function makeOptions(width: number): uPlot.Options {
  const text = cssVar('--muted', '#667');
  const grid = cssVar('--grid', 'rgba(128,128,128,0.15)');
  const rate = cssVar('--accent', '#2563eb');
  const gap = cssVar('--accent-2', '#d97706');
  const drop = cssVar('--err', '#b42318');
  const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: '11px system-ui, sans-serif' };
  const { range: rateRange, ...rateAxis } = valueAxis(RATE_UNITS, MIN_RATE_TOP_BPS);
  const { range: gapRange, ...gapAxis } = valueAxis(MS_UNITS, MIN_GAP_TOP_MS);
  return {
    width,
    height: CHART_HEIGHT_PX,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false }, rate: { range: rateRange }, gap: { range: gapRange }, drop: { range: [0, 1] } },
    series: [
      {},
      // No markers on the steps: uPlot adds them when points are few, and they read as data dots.
      { label: 'Rate', scale: 'rate', stroke: rate, width: 1.5, fill: `${rate}33`, paths: uPlot.paths.stepped!({ align: 1 }), points: { show: false } },
      { label: 'Largest gap', scale: 'gap', stroke: gap, width: 0, points: { show: true, size: 4, fill: gap, stroke: gap } },
      // Drops by the network-conditions link: a row of marks along the bottom of the chart.
      { label: 'Dropped', scale: 'drop', stroke: drop, width: 0, points: { show: true, size: 7, fill: drop, stroke: drop } },
    ],
    axes: [
      { ...axis, values: (u, ticks) => (u.data[0].length === 0 ? ticks.map(() => '') : axisLabels(ticks, SECOND_UNITS)) },
      { ...axis, ...rateAxis, scale: 'rate', size: fitAxisSize },
      { ...axis, ...gapAxis, scale: 'gap', side: 1, size: fitAxisSize, grid: { show: false } },
    ],
  };
}

export function TimelineChart() {
  const store = useBaseStore();
  const role = useBase((s) => s.role);
  const exchange = useBaseThrottled((s) => s.timelineExchange);
  const scheme = useColorScheme();
  const hostRef = useRef<HTMLDivElement>(null);
  const words = WORDS[role];

  useEffect(() => {
    const host = hostRef.current;
    if (!host || !canvasWorks()) return;
    const dataOf = (): uPlot.AlignedData => {
      const s = store.getState().timeline.series();
      return [s.x, s.rate, s.gap, s.drops.map((d) => (d === null ? null : DROP_MARK_Y))];
    };
    const chart = new uPlot(makeOptions(Math.max(200, host.clientWidth)), dataOf(), host);
    let drawnVersion = store.getState().timelineVersion;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const redraw = (): void => {
      timer = null;
      drawnVersion = store.getState().timelineVersion;
      chart.setData(dataOf());
    };
    const unsubscribe = store.subscribe((s) => {
      if (s.timelineVersion !== drawnVersion && timer === null) timer = setTimeout(redraw, REDRAW_MS);
    });
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(200, host.clientWidth), height: CHART_HEIGHT_PX }));
    resize.observe(host);
    return () => {
      unsubscribe();
      resize.disconnect();
      if (timer !== null) clearTimeout(timer);
      chart.destroy();
    };
  }, [store, scheme]);

  return (
    <section className="card chart-card">
      <div className="card-head">
        <h3>Timeline</h3>
        {role === 'server' && exchange ? <span className="muted small">newest exchange, {exchange}</span> : null}
        <span className="legend small">
          <span className="swatch swatch-rate" /> {words.rate} <span className="swatch swatch-gap" /> {words.gap}
          <DropLegend />
        </span>
      </div>
      <div className="chart-frame">
        <div ref={hostRef} className="chart" aria-hidden="true" />
        <ChartPlaceholder text={words.empty} />
      </div>
      <GapHistogram title={words.gaps} />
    </section>
  );
}

/** Shown once the link dropped something of this exchange. */
function DropLegend() {
  const drops = useBaseThrottled((s) => s.timeline.drops);
  if (drops === 0) return null;
  return (
    <span className="legend-drops" data-testid="drop-markers">
      <span className="swatch swatch-drop" /> dropped by the link ({fmtInt(drops)})
    </span>
  );
}

function ChartPlaceholder({ text }: { text: string }) {
  const empty = useBaseThrottled((s) => s.timeline.binCount === 0);
  return empty ? <div className="chart-empty muted">{text}</div> : null;
}

function GapHistogram({ title }: { title: string }) {
  const version = useBaseThrottled((s) => s.timelineVersion);
  const store = useBaseStore();
  const t = store.getState().timeline;
  const total = t.gapHistogram.reduce((a, b) => a + b, 0);
  return (
    <div className="histogram small" data-version={version}>
      <span className="muted">{title}</span>
      {total === 0 ? <span className="muted">none yet</span> : null}
      {/* Only the bins that have gaps: fifteen zeros would hide the one or two that matter. */}
      {GAP_BINS.map((bin, i) =>
        (t.gapHistogram[i] ?? 0) > 0 ? (
          <span key={bin.label} className="bucket" title={`gaps of ${bin.range}`}>
            {bin.label}: <span className="mono">{fmtInt(t.gapHistogram[i] ?? 0)}</span>
          </span>
        ) : null,
      )}
      {total > 0 ? <span className="bucket">largest: <span className="mono">{fmtMs(t.maxGapMs)}</span></span> : null}
      {t.binCount > 0 ? <span className="muted">step {fmtMs(t.drawnBinMs)}</span> : null}
    </div>
  );
}
