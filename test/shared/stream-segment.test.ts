import { describe, expect, it } from 'vitest';
import {
  fillStreamSegment,
  parseSegmentSequence,
  sequenceForIndex,
} from '../../src-shared/protocol/stream-segment.js';

const text = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

describe('stream segments', () => {
  it('carry the sequence number, then A padding to the size', () => {
    expect(text(fillStreamSegment(new Uint8Array(10), 42))).toBe('42AAAAAAAA');
    expect(text(fillStreamSegment(new Uint8Array(3), 7))).toBe('7AA');
  });

  it('are all A without sequence numbers', () => {
    expect(text(fillStreamSegment(new Uint8Array(5), null))).toBe('AAAAA');
  });

  it('cut a number longer than the segment to fit (classic hangs)', () => {
    expect(text(fillStreamSegment(new Uint8Array(2), 12345))).toBe('12');
    expect(text(fillStreamSegment(new Uint8Array(1), 10001))).toBe('1');
  });

  it('overwrite whatever the buffer held', () => {
    expect(text(fillStreamSegment(Uint8Array.from([0x39, 0x39, 0x39, 0x39]), 5))).toBe('5AAA');
  });

  it('count down: the first of N carries N, the last 1', () => {
    expect([0, 1, 2, 3].map((i) => sequenceForIndex(i, 4))).toEqual([4, 3, 2, 1]);
    expect(sequenceForIndex(10000, 10001)).toBe(1);
  });

  it('parse back their leading digits', () => {
    expect(parseSegmentSequence(fillStreamSegment(new Uint8Array(20), 10001))).toBe(10001);
    expect(parseSegmentSequence(Buffer.from('AAAA'))).toBeNull();
    expect(parseSegmentSequence(new Uint8Array(0))).toBeNull();
    // At most 16 digits are read, so a run of digits cannot overflow into nonsense.
    expect(parseSegmentSequence(Buffer.from('12345678901234567890'))).toBe(1234567890123456);
  });
});
