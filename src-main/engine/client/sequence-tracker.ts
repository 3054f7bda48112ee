/** Sequence numbers are remembered in a bitmap up to this count (2 MiB of bits). */
export const MAX_TRACKED_SEGMENTS = 1 << 24;
export const MISSING_SAMPLE_MAX = 100;

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
}
