// Both ends of the current exchange on one time axis, when its server runs in this lab: what the
// server sent and what the client received (bytes so far), the one-way delay of each segment /
// datagram, and the link's drops, duplicates and held-back packets. Drawn by uPlot from the
// bounded BothEnds index at most 4 times a second; the words under it re-render only when the
// drawn view changed.
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { BothEndsView } from '../../src-shared/both-ends.js';
import { formatRanges } from '../../src-shared/wire/ranges.js';
import { fmtBytes, fmtInt, fmtMs } from '../display/format.js';
import { cssVar, useColorScheme } from '../display/use-color-scheme.js';
import { useClient, useClientStore } from '../store/store-context.js';

const CHART_HEIGHT_PX = 200;
const REDRAW_MS = 250;
/** Points drawn per series at most: the index keeps more, the eye needs no more. */
const DRAWN_POINTS_MAX = 1500;
/** Where marks sit on their own 0–1 scale. */
const MARK_Y = { drop: 0.04, missing: 0.1, dup: 0.16, delay: 0.22 } as const;

function thin<T>(items: readonly T[]): readonly T[] {
  if (items.length <= DRAWN_POINTS_MAX) return items;
  const step = Math.ceil(items.length / DRAWN_POINTS_MAX);
  return items.filter((_, i) => i % step === 0 || i === items.length - 1);
}

function chartData(v: BothEndsView): uPlot.AlignedData {
  const s = (t: number): number => (t - v.startT) / 1000;
  const sent = thin(v.sent);
  const recv = thin(v.received);
  const delay = thin(v.points);
  const mark = (kind: 'drop' | 'dup' | 'delay') => thin(v.marks.filter((m) => m.kind === kind));
  const tables: uPlot.AlignedData[] = [
    [sent.map((p) => s(p.t)), sent.map((p) => p.bytes)],
    [recv.map((p) => s(p.t)), recv.map((p) => p.bytes)],
    [delay.map((p) => s(p.recvT)), delay.map((p) => p.delayMs)],
    [mark('drop').map((m) => s(m.t)), mark('drop').map(() => MARK_Y.drop)],
    [thin(v.missing).map((m) => s(m.t)), thin(v.missing).map(() => MARK_Y.missing)],
    [mark('dup').map((m) => s(m.t)), mark('dup').map(() => MARK_Y.dup)],
    [mark('delay').map((m) => s(m.t)), mark('delay').map(() => MARK_Y.delay)],
  ];
  return uPlot.join(tables as uPlot.AlignedData[]);
}

function makeOptions(width: number): uPlot.Options {
  const text = cssVar('--muted', '#667');
  const grid = cssVar('--grid', 'rgba(128,128,128,0.15)');
  const sent = cssVar('--accent-2', '#d97706');
  const recv = cssVar('--accent', '#2563eb');
  const delay = cssVar('--ok', '#15803d');
  const err = cssVar('--err', '#b42318');
  const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: '11px system-ui, sans-serif' };
  const dots = (color: string, size: number) => ({ show: true, size, fill: color, stroke: color });
  return {
    width,
    height: CHART_HEIGHT_PX,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false }, bytes: { range: (_u, _min, max) => [0, Math.max(1, max)] }, ms: { range: (_u, _min, max) => [0, Math.max(0.01, max * 1.1)] }, mark: { range: [0, 1] } },
    series: [
      {},
      { label: 'Server sent', scale: 'bytes', stroke: sent, width: 1.5, spanGaps: true, points: { show: false } },
      { label: 'Client received', scale: 'bytes', stroke: recv, width: 1.5, spanGaps: true, points: { show: false } },
      { label: 'One-way delay', scale: 'ms', stroke: delay, width: 0, points: dots(delay, 4) },
      { label: 'Dropped by the link', scale: 'mark', stroke: err, width: 0, points: dots(err, 7) },
      { label: 'Never arrived', scale: 'mark', stroke: err, width: 0, points: { show: true, size: 7, fill: 'transparent', stroke: err } },
      { label: 'Duplicated', scale: 'mark', stroke: sent, width: 0, points: dots(sent, 6) },
      { label: 'Held back', scale: 'mark', stroke: text, width: 0, points: dots(text, 6) },
    ],
    axes: [
      { ...axis, values: (_u, ticks) => ticks.map((t) => `${+t.toFixed(3)} s`) },
      { ...axis, scale: 'bytes', size: 70, values: (_u, ticks) => ticks.map((t) => fmtBytes(t)) },
      { ...axis, scale: 'ms', side: 1, size: 60, grid: { show: false }, values: (_u, ticks) => ticks.map((t) => fmtMs(t)) },
    ],
  };
}

function canvasWorks(): boolean {
  try {
    return typeof document.createElement('canvas').getContext('2d')?.fillRect === 'function';
  } catch {
    return false;
  }
}

/** The words under the chart: what was paired with what, the delays, the losses. */
function Facts({ v }: { v: BothEndsView }) {
  const drops = v.marks.filter((m) => m.kind === 'drop').length;
  const dups = v.marks.filter((m) => m.kind === 'dup').length;
  const held = v.marks.filter((m) => m.kind === 'delay').length;
  return (
    <div className="small both-ends-facts">
      <p>
        client <span className="mono">{v.client}</span>
        {v.link ? <> ← link <span className="mono">{v.link}</span></> : null}
        {v.server ? <> ← server <span className="mono">{v.server}</span></> : null}
        {v.server ? ` · sent ${fmtInt(v.sentBytes)} B, received ${fmtInt(v.receivedBytes)} B` : null}
      </p>
      {v.delay ? (
        <p data-testid="one-way-delay">
          One-way delay ({fmtInt(v.delay.count)} {v.matchedBy === 'sequence' ? 'segments' : 'packets'}): min{' '}
          {fmtMs(v.delay.min)}, median {fmtMs(v.delay.p50)}, max {fmtMs(v.delay.max)}
        </p>
      ) : null}
      {drops + dups + held > 0 ? (
        <p>
          The link: {fmtInt(drops)} dropped, {fmtInt(dups)} duplicated, {fmtInt(held)} held back
        </p>
      ) : null}
      {v.missing.length > 0 ? <p>Never arrived (○ at the time the server sent them): {fmtInt(v.missing.length)} segments</p> : null}
      {v.lostSpans.length > 0 ? (
        <p>
          Bytes that never arrived (offsets in the reply):{' '}
          <span className="mono">{formatRanges(v.lostSpans.map((s) => ({ from: s.from, to: s.to })), 6)}</span>
        </p>
      ) : null}
      {v.notes.map((n) => (
        <p key={n} className="explain">
          {n}
        </p>
      ))}
    </div>
  );
}

export function BothEndsTimeline() {
  const store = useClientStore();
  const exchange = useClient((s) => s.lastSummary?.exchange ?? s.currentExchange);
  const scheme = useColorScheme();
  const hostRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<BothEndsView | null>(null);

  useEffect(() => {
    if (exchange === null) return;
    const host = hostRef.current;
    const chart = host && canvasWorks() ? new uPlot(makeOptions(Math.max(200, host.clientWidth)), [[]], host) : null;
    let drawn = -1;
    const tick = (): void => {
      const index = store.getState().bothEnds;
      if (index.version === drawn) return;
      drawn = index.version;
      const v = index.view(exchange);
      setView(v);
      if (chart && v) chart.setData(chartData(v));
    };
    tick();
    const timer = setInterval(tick, REDRAW_MS);
    const resize = host && chart ? new ResizeObserver(() => chart.setSize({ width: Math.max(200, host.clientWidth), height: CHART_HEIGHT_PX })) : null;
    if (resize && host) resize.observe(host);
    return () => {
      clearInterval(timer);
      resize?.disconnect();
      chart?.destroy();
    };
  }, [store, exchange, scheme]);

  if (exchange === null) return null;
  return (
    <section className="card chart-card" aria-label="Both ends">
      <div className="card-head">
        <h3>Both ends</h3>
        <span className="legend small both-ends-legend">
          <span className="swatch swatch-sent" /> server sent <span className="swatch swatch-received" /> client received{' '}
          <span className="swatch swatch-delay" /> one-way delay (right) <span className="swatch swatch-drop" /> dropped ○ never
          arrived
        </span>
      </div>
      <div className="chart-frame" hidden={!view?.server}>
        <div ref={hostRef} className="chart" aria-hidden="true" />
      </div>
      {view ? <Facts v={view} /> : null}
    </section>
  );
}
