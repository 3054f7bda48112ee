// Timelines of several exchanges on one time axis (t since each exchange's request), one line
// each, drawn by uPlot from the store's bounded per-exchange timelines at most 4 times a second.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { axisLabels, axisScale, axisTicks, RATE_UNITS, SECOND_UNITS } from '../display/chart-scale.js';
import { cssVar, useColorScheme } from '../display/use-color-scheme.js';
import { overlaySeries } from '../store/overlay-series.js';
import { useBaseStore } from '../store/store-context.js';

const OVERLAY_HEIGHT_PX = 200;
const REDRAW_MS = 250;

/** One colour per compared exchange, in the order of the columns. */
export const OVERLAY_COLORS = ['--accent', '--accent-2', '--ok', '#9333ea', '#db2777', '#0891b2'];

export function overlayColor(i: number): string {
  const c = OVERLAY_COLORS[i % OVERLAY_COLORS.length]!;
  return c.startsWith('--') ? `var(${c})` : c;
}

function canvasWorks(): boolean {
  try {
    return typeof document.createElement('canvas').getContext('2d')?.fillRect === 'function';
  } catch {
    return false;
  }
}

function options(width: number, labels: readonly string[]): uPlot.Options {
  const text = cssVar('--muted', '#667');
  const grid = cssVar('--grid', 'rgba(128,128,128,0.15)');
  const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: '11px system-ui, sans-serif' };
  let scale = axisScale(0, 1);
  return {
    width,
    height: OVERLAY_HEIGHT_PX,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: {
      x: { time: false },
      rate: {
        range: (_u, _min, max) => {
          scale = axisScale(max, 1);
          return [0, scale.top];
        },
      },
    },
    series: [
      {},
      ...labels.map((label, i) => {
        const c = OVERLAY_COLORS[i % OVERLAY_COLORS.length]!;
        const stroke = c.startsWith('--') ? cssVar(c, '#2563eb') : c;
        return { label, scale: 'rate', stroke, width: 1.75, paths: uPlot.paths.stepped!({ align: 1 }), points: { show: false } };
      }),
    ],
    axes: [
      { ...axis, values: (u, ticks) => (u.data[0].length === 0 ? ticks.map(() => '') : axisLabels(ticks, SECOND_UNITS)) },
      {
        ...axis,
        scale: 'rate',
        size: 70,
        splits: () => axisTicks(scale),
        values: (u, ticks) => (u.data[0].length === 0 ? ticks.map(() => '') : axisLabels(ticks, RATE_UNITS)),
      },
    ],
  };
}

/** `ids`: the exchanges to draw, `labels`: what each line is called (its column's heading). */
export function OverlayChart({ ids, labels }: { ids: readonly string[]; labels: readonly string[] }) {
  const store = useBaseStore();
  const scheme = useColorScheme();
  const hostRef = useRef<HTMLDivElement>(null);
  const key = ids.join(',');

  useEffect(() => {
    const host = hostRef.current;
    if (!host || !canvasWorks()) return;
    const chosen = key.split(',');
    const dataOf = (): uPlot.AlignedData => {
      const timelines = store.getState().historyTimelines;
      const o = overlaySeries(chosen.map((id) => timelines.get(id)));
      return [o.x, ...o.rates];
    };
    const chart = new uPlot(options(Math.max(240, host.clientWidth), labels), dataOf(), host);
    let drawn = store.getState().historyVersion;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = store.subscribe((s) => {
      if (s.historyVersion === drawn || timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        drawn = store.getState().historyVersion;
        chart.setData(dataOf());
      }, REDRAW_MS);
    });
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(240, host.clientWidth), height: OVERLAY_HEIGHT_PX }));
    resize.observe(host);
    return () => {
      unsubscribe();
      resize.disconnect();
      if (timer !== null) clearTimeout(timer);
      chart.destroy();
    };
    // labels only name the lines; a new set of ids rebuilds the chart.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, scheme, key]);

  return (
    <div className="overlay">
      <div className="overlay-legend small">
        {labels.map((l, i) => (
          <span key={`${l}-${i}`} className="overlay-key">
            <span className="swatch-line" style={{ background: overlayColor(i) }} /> {l}
          </span>
        ))}
        <span className="muted">payload rate · t since each exchange&rsquo;s request</span>
      </div>
      <div ref={hostRef} className="chart overlay-chart" aria-hidden="true" />
    </div>
  );
}
