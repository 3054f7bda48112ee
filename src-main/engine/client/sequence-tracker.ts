/** Sequence numbers are remembered in a bitmap up to this count (2 MiB of bits). */
export const MAX_TRACKED_SEGMENTS = 1 << 24;
export const MISSING_SAMPLE_MAX = 100;
/** A summary lists at most this many missing ranges (and counts the rest). */
export const MISSING_RANGES_MAX = 100;

export interface MissingRanges {
  /** In sending order (count-down numbering: highest first), each from ≤ to. */
  ranges: { from: number; to: number }[];
  /** How many ranges there are in all (ranges holds the first MISSING_RANGES_MAX). */
  count: number;
}

/**
 * Counts stream segments by sequence number. Classic numbering counts DOWN: the first segment
 * sent carries `count`, the last carries 1. A segment is out of order when it carries a number
 * above one already received (it was overtaken); a duplicate carries a number seen before.
 */
export class SequenceTracker {
  /** Distinct numbers in 1..count received. */
  distinct = 0;
  outOfOrder = 0;
  duplicated = 0;
  /** Segments whose head carried a number / no number (server with sequence numbers off). */
  numbered = 0;
  unnumbered = 0;
  /** Numbers outside 1..count (a confused peer): neither received nor missing. */
  outOfRange = 0;
  /** The first number received; over TCP it tells how many segments the server really sends. */
  first: number | null = null;
  /** The highest number in range received: over UDP, the best sign of the count the server sends. */
  highest = 0;
  private lowest = Number.POSITIVE_INFINITY;
  private seen: Uint32Array | null = null;
  private readonly tracked: number;

  constructor(private countValue: number) {
    this.tracked = Math.min(countValue, MAX_TRACKED_SEGMENTS);
  }

  get count(): number {
    return this.countValue;
  }

  /** The server capped the stream at its stream limit (seen over TCP, where nothing is lost). */
  adoptCount(count: number): void {
    if (count >= 1 && count < this.countValue) this.countValue = count;
  }

  note(sequence: number | null): void {
    if (sequence === null) {
      this.unnumbered++;
      return;
    }
    this.numbered++;
    if (this.first === null) this.first = sequence;
    if (sequence < 1 || sequence > this.countValue) {
      this.outOfRange++;
      return;
    }
    if (sequence <= this.tracked) {
      // Allocated at the first number, so echo and file exchanges never pay for it.
      const seen = (this.seen ??= new Uint32Array(Math.ceil((this.tracked + 1) / 32)));
      const word = sequence >>> 5;
      const bit = 1 << (sequence & 31);
      if ((seen[word]! & bit) !== 0) {
        this.duplicated++;
        return;
      }
      seen[word] = seen[word]! | bit;
    }
    this.distinct++;
    if (sequence > this.highest) this.highest = sequence;
    if (sequence > this.lowest) this.outOfOrder++;
    else this.lowest = sequence;
  }

  get complete(): boolean {
    return this.distinct >= this.countValue;
  }

  /** Whether the last segment the server sends (number 1) arrived: the stream reached its end. */
  get sawLast(): boolean {
    return this.seen !== null && this.tracked >= 1 && (this.seen[0]! & 2) !== 0;
  }

  get missing(): number {
    return Math.max(0, this.countValue - this.distinct);
  }

  /** The first missing numbers in sending order (count, count−1, …), at most MISSING_SAMPLE_MAX. */
  missingSample(): number[] {
    const sample: number[] = [];
    if (this.missing === 0) return sample;
    const top = Math.min(this.countValue, this.tracked);
    // Bounded: stops after MISSING_SAMPLE_MAX finds, and at most `top` steps.
    for (let s = top; s >= 1 && sample.length < MISSING_SAMPLE_MAX; s--) {
      const seen = this.seen !== null && (this.seen[s >>> 5]! & (1 << (s & 31))) !== 0;
      if (!seen) sample.push(s);
    }
    return sample;
  }

  /**
   * The missing numbers as ranges, from the bitmap: one pass over its words, whole words of
   * received or missing numbers skipped at once, no list of numbers built. Numbers above
   * MAX_TRACKED_SEGMENTS are not remembered, so they never appear here.
   */
  missingRanges(max = MISSING_RANGES_MAX): MissingRanges {
    const ranges: { from: number; to: number }[] = [];
    let count = 0;
    if (this.missing === 0) return { ranges, count };
    const top = Math.min(this.countValue, this.tracked);
    const seen = this.seen;
    let runTop = 0; // the highest number of the open run of missing numbers, 0 when none
    const close = (low: number): void => {
      count++;
      if (ranges.length < max) ranges.push({ from: low, to: runTop });
      runTop = 0;
    };
    let s = top;
    while (s >= 1) {
      const word = seen === null ? 0 : seen[s >>> 5]!;
      const wordLow = Math.max(1, (s >>> 5) << 5);
      if (word === 0) {
        // The whole rest of this word is missing.
        if (runTop === 0) runTop = s;
        s = wordLow - 1;
        continue;
      }
      if ((word | 0) === -1) {
        if (runTop !== 0) close(s + 1);
        s = wordLow - 1;
        continue;
      }
      const got = (word & (1 << (s & 31))) !== 0;
      if (got) {
        if (runTop !== 0) close(s + 1);
      } else if (runTop === 0) runTop = s;
      s--;
    }
    if (runTop !== 0) close(1);
    return { ranges, count };
  }
}
