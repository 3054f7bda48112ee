// The live timeline: payload rate per time bin and the largest inter-arrival gap per bin,
// drawn by uPlot on one canvas from the store's bounded aggregate (never a node per packet).
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { GAP_BUCKET_LIMITS_MS } from '../store/timeline.js';
import { useClientStore, useClientThrottled } from '../store/store-context.js';
import { cssVar, useColorScheme } from '../display/use-color-scheme.js';
import { fmtBytes, fmtInt, fmtMs } from '../display/format.js';

const CHART_HEIGHT_PX = 180;
/** Redraws at most 4 times a second, however fast datagrams arrive. */
const REDRAW_MS = 250;

function canvasWorks(): boolean {
  try {
    return typeof document.createElement('canvas').getContext('2d')?.fillRect === 'function';
  } catch {
    return false;
  }
}

function makeOptions(width: number): uPlot.Options {
  const text = cssVar('--muted', '#667');
  const grid = cssVar('--grid', 'rgba(128,128,128,0.15)');
  const rate = cssVar('--accent', '#2563eb');
  const gap = cssVar('--accent-2', '#d97706');
  const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: '11px system-ui, sans-serif' };
  return {
    width,
    height: CHART_HEIGHT_PX,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false }, rate: { range: (_u, _min, max) => [0, Math.max(max, 1)] }, gap: { range: (_u, _min, max) => [0, Math.max(max, 1)] } },
    series: [
      {},
      { label: 'Rate', scale: 'rate', stroke: rate, width: 1.5, fill: `${rate}33`, paths: uPlot.paths.stepped!({ align: 1 }) },
      { label: 'Largest gap', scale: 'gap', stroke: gap, width: 0, points: { show: true, size: 4, fill: gap, stroke: gap } },
    ],
    axes: [
      { ...axis, values: (_u, ticks) => ticks.map((v) => `${v} s`) },
      { ...axis, scale: 'rate', size: 78, values: (_u, ticks) => ticks.map((v) => (v < 1000 ? `${+v.toPrecision(3)} B/s` : `${fmtBytes(v)}/s`)) },
      { ...axis, scale: 'gap', side: 1, size: 64, grid: { show: false }, values: (_u, ticks) => ticks.map((v) => `${+v.toPrecision(3)} ms`) },
    ],
  };
}

export function TimelineChart() {
  const store = useClientStore();
  const scheme = useColorScheme();
  const hostRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = hostRef.current;
    if (!host || !canvasWorks()) return;
    const dataOf = (): uPlot.AlignedData => {
      const s = store.getState().timeline.series();
      return [s.x, s.rate, s.gap];
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
        <span className="legend small">
          <span className="swatch swatch-rate" /> payload rate <span className="swatch swatch-gap" /> largest gap
          between arrivals
        </span>
      </div>
      <div className="chart-frame">
        <div ref={hostRef} className="chart" aria-hidden="true" />
        <ChartPlaceholder />
      </div>
      <GapHistogram />
    </section>
  );
}

function ChartPlaceholder() {
  const empty = useClientThrottled((s) => s.timeline.binCount === 0);
  return empty ? <div className="chart-empty muted">Payload arrivals are drawn here as they come in.</div> : null;
}

const BUCKET_NAMES = [...GAP_BUCKET_LIMITS_MS.map((l) => `< ${fmtMs(l)}`), `≥ ${fmtMs(GAP_BUCKET_LIMITS_MS.at(-1)!)}`];

function GapHistogram() {
  const version = useClientThrottled((s) => s.timelineVersion);
  const store = useClientStore();
  const t = store.getState().timeline;
  const total = t.gapHistogram.reduce((a, b) => a + b, 0);
  return (
    <div className="histogram small" data-version={version}>
      <span className="muted">Gaps between arrivals</span>
      {BUCKET_NAMES.map((name, i) => (
        <span key={name} className="bucket">
          {name}: <span className="mono">{fmtInt(t.gapHistogram[i] ?? 0)}</span>
        </span>
      ))}
      {total > 0 ? <span className="bucket">largest: <span className="mono">{fmtMs(t.maxGapMs)}</span></span> : null}
      {t.binCount > 0 ? <span className="muted">bin {fmtMs(t.binMs)}</span> : null}
    </div>
  );
}
