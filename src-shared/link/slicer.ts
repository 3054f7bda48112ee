// The TCP slicer: re-cuts the byte stream into writes of sliceBytes ± sliceVarBytes, so a student
// sees that TCP reads are not the sender's messages (Toxiproxy's "slicer" toxic).
import type { Random } from './prng.js';

export class Slicer {
  constructor(
    private readonly sliceBytes: number,
    private readonly varBytes: number,
    private readonly random: Random,
  ) {}

  get active(): boolean {
    return this.sliceBytes > 0;
  }

  /** The next slice size: uniform in [S − V, S + V], at least 1 byte. */
  nextSize(): number {
    if (this.varBytes === 0) return this.sliceBytes;
    const offset = Math.floor(this.random() * (2 * this.varBytes + 1)) - this.varBytes;
    return Math.max(1, this.sliceBytes + offset);
  }

  /** Lengths of the slices `total` bytes are cut into (the last one takes the rest). */
  cut(total: number): number[] {
    if (!this.active) return [total];
    const sizes: number[] = [];
    let left = total;
    while (left > 0) {
      const n = Math.min(left, this.nextSize());
      sizes.push(n);
      left -= n;
    }
    return sizes;
  }
}
