import { FILE_FILL_BYTE } from './limits.js';

/**
 * Fills `target` (exactly `size` bytes) with one stream segment.
 * Classic numbering counts down: the first of `count` segments carries `count`, the last `1`.
 * A number longer than the segment is cut to fit, where the classic server hung.
 */
export function fillStreamSegment(target: Uint8Array, sequence: number | null): Uint8Array {
  target.fill(FILE_FILL_BYTE);
  if (sequence === null) return target;
  const digits = String(sequence);
  const n = Math.min(digits.length, target.length);
  for (let i = 0; i < n; i++) target[i] = digits.charCodeAt(i);
  return target;
}

/** Sequence number carried by the k-th segment sent (k from 0) of a stream of `count`. */
export function sequenceForIndex(index: number, count: number): number {
  return count - index;
}

/** Reads the leading ASCII digits of a received segment, or null if it has none. */
export function parseSegmentSequence(segment: Uint8Array): number | null {
  let value = 0;
  let digits = 0;
  for (let i = 0; i < segment.length && i < 16; i++) {
    const c = segment[i]!;
    if (c < 0x30 || c > 0x39) break;
    value = value * 10 + (c - 0x30);
    digits++;
  }
  return digits === 0 ? null : value;
}
