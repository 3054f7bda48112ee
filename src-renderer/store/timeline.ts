// The client's live timeline as a bounded aggregate: bytes per time bin and the largest
// inter-arrival gap per bin. A long transfer never grows it past TIMELINE_MAX_BINS: when the
// bins run out, neighbours merge and each bin covers twice the time.

export const TIMELINE_BIN_MS = 50;
export const TIMELINE_MAX_BINS = 1200;
/** Gap histogram bucket upper bounds (ms); the last bucket is everything above. */
export const GAP_BUCKET_LIMITS_MS = [0.1, 1, 10, 100, 1000] as const;

export interface TimelineSeries {
  /** Bin start, seconds since the exchange started. */
  x: number[];
  /** Payload rate in the bin, bytes per second. */
  rate: (number | null)[];
  /** Largest inter-arrival gap that ended in the bin, ms (null: no arrival in the bin). */
  gap: (number | null)[];
}

export class Timeline {
  binMs = TIMELINE_BIN_MS;
  startT = 0;
  lastArrivalT: number | null = null;
  arrivals = 0;
  bytes = 0;
  maxGapMs = 0;
  /** Bumped on every change so charts know when to redraw. */
  version = 0;
  readonly gapHistogram: number[] = new Array<number>(GAP_BUCKET_LIMITS_MS.length + 1).fill(0);
  private binBytes: number[] = [];
  private binGap: (number | null)[] = [];

  reset(startT: number): void {
    this.binMs = TIMELINE_BIN_MS;
    this.startT = startT;
    this.lastArrivalT = null;
    this.arrivals = 0;
    this.bytes = 0;
    this.maxGapMs = 0;
    this.gapHistogram.fill(0);
    this.binBytes = [];
    this.binGap = [];
    this.version += 1;
  }

  /** One arrival of `bytes` payload bytes at lab time `t` (ms). */
  add(t: number, bytes: number): void {
    let bin = Math.max(0, Math.floor((t - this.startT) / this.binMs));
    while (bin >= TIMELINE_MAX_BINS) {
      this.coarsen();
      bin = Math.max(0, Math.floor((t - this.startT) / this.binMs));
    }
    while (this.binBytes.length <= bin) {
      this.binBytes.push(0);
      this.binGap.push(null);
    }
    this.binBytes[bin]! += bytes;
    if (this.lastArrivalT !== null) {
      const gap = Math.max(0, t - this.lastArrivalT);
      this.binGap[bin] = Math.max(this.binGap[bin] ?? 0, gap);
      this.maxGapMs = Math.max(this.maxGapMs, gap);
      let bucket = GAP_BUCKET_LIMITS_MS.findIndex((limit) => gap < limit);
      if (bucket < 0) bucket = GAP_BUCKET_LIMITS_MS.length;
      this.gapHistogram[bucket]! += 1;
    }
    this.lastArrivalT = t;
    this.arrivals += 1;
    this.bytes += bytes;
    this.version += 1;
  }

  get binCount(): number {
    return this.binBytes.length;
  }

  series(): TimelineSeries {
    const perSecond = 1000 / this.binMs;
    return {
      x: this.binBytes.map((_, i) => (i * this.binMs) / 1000),
      rate: this.binBytes.map((b) => b * perSecond),
      gap: this.binGap.slice(),
    };
  }

  private coarsen(): void {
    const bytes: number[] = [];
    const gaps: (number | null)[] = [];
    for (let i = 0; i < this.binBytes.length; i += 2) {
      bytes.push(this.binBytes[i]! + (this.binBytes[i + 1] ?? 0));
      const a = this.binGap[i] ?? null;
      const b = this.binGap[i + 1] ?? null;
      gaps.push(a === null ? b : b === null ? a : Math.max(a, b));
    }
    this.binBytes = bytes;
    this.binGap = gaps;
    this.binMs *= 2;
  }
}
