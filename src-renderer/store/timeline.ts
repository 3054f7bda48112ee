// A view's live timeline as a bounded aggregate: payload bytes per time bin and the largest gap
// between payload events per bin. A long transfer never grows it past TIMELINE_MAX_BINS: when the
// bins run out, neighbours merge and each bin covers twice the time. Bins start fine (a 1 MB file
// over loopback takes well under 100 ms) and are grouped for drawing, so a chart always shows
// about TIMELINE_DRAWN_BINS steps whether the exchange took 50 ms or 10 minutes.
import { GAP_BINS, gapBinOf } from './gap-bins.js';

export const TIMELINE_BIN_MS = 1;
export const TIMELINE_MAX_BINS = 1200;
/** Steps drawn at most: fewer bins would hide the shape, more would show only per-bin noise. */
export const TIMELINE_DRAWN_BINS = 120;

export interface TimelineSeries {
  /** Bin start, seconds since the exchange started. */
  x: number[];
  /** Payload rate in the bin, bytes per second. */
  rate: (number | null)[];
  /** Largest inter-arrival gap that ended in the bin, ms (null: no arrival in the bin). */
  gap: (number | null)[];
  /** Datagrams the network-conditions link dropped in the bin (null: none). */
  drops: (number | null)[];
}

export class Timeline {
  binMs = TIMELINE_BIN_MS;
  startT = 0;
  lastArrivalT: number | null = null;
  arrivals = 0;
  bytes = 0;
  maxGapMs = 0;
  /** Datagrams of this exchange the link dropped. */
  drops = 0;
  /** Bumped on every change so charts know when to redraw. */
  version = 0;
  readonly gapHistogram: number[] = new Array<number>(GAP_BINS.length).fill(0);
  private binBytes: number[] = [];
  private binGap: (number | null)[] = [];
  private binDrops: number[] = [];

  reset(startT: number): void {
    this.binMs = TIMELINE_BIN_MS;
    this.startT = startT;
    this.lastArrivalT = null;
    this.arrivals = 0;
    this.bytes = 0;
    this.maxGapMs = 0;
    this.drops = 0;
    this.gapHistogram.fill(0);
    this.binBytes = [];
    this.binGap = [];
    this.binDrops = [];
    this.version += 1;
  }

  /** One arrival of `bytes` payload bytes at lab time `t` (ms). */
  add(t: number, bytes: number): void {
    const bin = this.binOf(t);
    this.binBytes[bin]! += bytes;
    if (this.lastArrivalT !== null) {
      const gap = Math.max(0, t - this.lastArrivalT);
      this.binGap[bin] = Math.max(this.binGap[bin] ?? 0, gap);
      this.maxGapMs = Math.max(this.maxGapMs, gap);
      this.gapHistogram[gapBinOf(gap)]! += 1;
    }
    this.lastArrivalT = t;
    this.arrivals += 1;
    this.bytes += bytes;
    this.version += 1;
  }

  /** A datagram of this exchange the link dropped at lab time `t` (ms): a marker, no payload. */
  addDrop(t: number): void {
    this.binDrops[this.binOf(t)]! += 1;
    this.drops += 1;
    this.version += 1;
  }

  private binOf(t: number): number {
    let bin = Math.max(0, Math.floor((t - this.startT) / this.binMs));
    while (bin >= TIMELINE_MAX_BINS) {
      this.coarsen();
      bin = Math.max(0, Math.floor((t - this.startT) / this.binMs));
    }
    while (this.binBytes.length <= bin) {
      this.binBytes.push(0);
      this.binGap.push(null);
      this.binDrops.push(0);
    }
    return bin;
  }

  get binCount(): number {
    return this.binBytes.length;
  }

  /** How many stored bins make one drawn step. */
  get drawnGroup(): number {
    return Math.max(1, Math.ceil(this.binBytes.length / TIMELINE_DRAWN_BINS));
  }

  /** The time one drawn step covers, ms. */
  get drawnBinMs(): number {
    return this.binMs * this.drawnGroup;
  }

  series(): TimelineSeries {
    const group = this.drawnGroup;
    const perSecond = 1000 / (this.binMs * group);
    const out: TimelineSeries = { x: [], rate: [], gap: [], drops: [] };
    for (let i = 0; i < this.binBytes.length; i += group) {
      let bytes = 0;
      let gap: number | null = null;
      let drops = 0;
      for (let j = i; j < Math.min(i + group, this.binBytes.length); j += 1) {
        bytes += this.binBytes[j]!;
        drops += this.binDrops[j]!;
        const g = this.binGap[j] ?? null;
        if (g !== null) gap = gap === null ? g : Math.max(gap, g);
      }
      out.x.push((i * this.binMs) / 1000);
      out.rate.push(bytes * perSecond);
      out.gap.push(gap);
      out.drops.push(drops > 0 ? drops : null);
    }
    return out;
  }

  private coarsen(): void {
    const bytes: number[] = [];
    const gaps: (number | null)[] = [];
    const drops: number[] = [];
    for (let i = 0; i < this.binBytes.length; i += 2) {
      bytes.push(this.binBytes[i]! + (this.binBytes[i + 1] ?? 0));
      drops.push(this.binDrops[i]! + (this.binDrops[i + 1] ?? 0));
      const a = this.binGap[i] ?? null;
      const b = this.binGap[i + 1] ?? null;
      gaps.push(a === null ? b : b === null ? a : Math.max(a, b));
    }
    this.binBytes = bytes;
    this.binGap = gaps;
    this.binDrops = drops;
    this.binMs *= 2;
  }
}
