// Stream segments start with their sequence number in ASCII (PROTOCOL.md §3); a link's drop and
// delay events carry it, so the timeline can put a drop marker on the very segment that was lost.
import { LINK_SEQ_DIGITS_MAX } from './limits.js';

/** The decimal number a payload starts with, or null (no digit first, or too long to be one). */
export function leadingSequence(payload: Uint8Array): number | null {
  let n = 0;
  let digits = 0;
  for (; digits < payload.length && digits <= LINK_SEQ_DIGITS_MAX; digits++) {
    const c = payload[digits]!;
    if (c < 0x30 || c > 0x39) break;
    n = n * 10 + (c - 0x30);
  }
  return digits === 0 || digits > LINK_SEQ_DIGITS_MAX ? null : n;
}
