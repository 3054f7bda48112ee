// The numbers every face prints: one formatter each, with the edges a lab run reaches.
import { describe, expect, it } from 'vitest';
import {
  formatBitRate,
  formatBytes,
  formatCount,
  formatDuration,
  formatPercent,
  formatRate,
  formatSeconds,
  plural,
} from '../../src-shared/format/numbers.js';

describe('formatCount and plural', () => {
  it('groups by thousands and rounds to a whole number', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(123_456_789)).toBe('123,456,789');
    expect(formatCount(999.6)).toBe('1,000');
    expect(formatCount(-1500)).toBe('-1,500');
  });
  it('says — for what is not a number', () => {
    expect(formatCount(Number.NaN)).toBe('—');
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe('—');
  });
  it('plural', () => {
    expect(plural(1, 'datagram')).toBe('1 datagram');
    expect(plural(0, 'datagram')).toBe('0 datagrams');
    expect(plural(2000, 'socket read')).toBe('2,000 socket reads');
  });
});

describe('formatBytes', () => {
  it('bytes below a kilobyte, then three significant digits', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1.00 kB');
    expect(formatBytes(1234)).toBe('1.23 kB');
    expect(formatBytes(34_500_000)).toBe('34.5 MB');
    expect(formatBytes(123_456_789)).toBe('123 MB');
  });
  it('999.95 kB rounds to the next unit, never "1000 kB"', () => {
    expect(formatBytes(999_950)).toBe('1.00 MB');
    expect(formatBytes(999.6)).toBe('1.00 kB');
    expect(formatBytes(999_499)).toBe('999 kB');
  });
  it('negative and NaN read as zero', () => {
    expect(formatBytes(-5)).toBe('0 B');
    expect(formatBytes(Number.NaN)).toBe('0 B');
  });
});

describe('formatRate and formatBitRate', () => {
  it('bytes per second with one decimal from kB/s up', () => {
    expect(formatRate(0)).toBe('0 B/s');
    expect(formatRate(512)).toBe('512 B/s');
    expect(formatRate(350_000)).toBe('350.0 kB/s');
    expect(formatRate(244_800_000)).toBe('244.8 MB/s');
    expect(formatRate(2_500_000_000)).toBe('2.5 GB/s');
  });
  it('999.95 kB/s is 1.0 MB/s, never "1000.0 kB/s"', () => {
    expect(formatRate(999_950)).toBe('1.0 MB/s');
    expect(formatRate(999_940)).toBe('999.9 kB/s');
  });
  it('bits: bit/s, kbit/s, Mbit/s, Gbit/s with two decimals', () => {
    expect(formatBitRate(0)).toBe('0 bit/s');
    expect(formatBitRate(100)).toBe('800 bit/s');
    expect(formatBitRate(4_000_000)).toBe('32.0 Mbit/s');
    expect(formatBitRate(244_800_000)).toBe('1.96 Gbit/s');
    expect(formatBitRate(124_993_750)).toBe('1.00 Gbit/s');
  });
  it('negative, NaN and infinite rates read as zero', () => {
    expect(formatRate(-1)).toBe('0 B/s');
    expect(formatRate(Number.NaN)).toBe('0 B/s');
    expect(formatRate(Number.POSITIVE_INFINITY)).toBe('0 B/s');
    expect(formatBitRate(Number.NaN)).toBe('0 bit/s');
  });
});

describe('formatDuration', () => {
  it('keeps sub-millisecond precision instead of "0.00 ms"', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(0.004)).toBe('< 0.01 ms');
    expect(formatDuration(0.0412)).toBe('0.04 ms');
    expect(formatDuration(0.1)).toBe('0.1 ms');
    expect(formatDuration(0.94)).toBe('0.94 ms');
    expect(formatDuration(0.999)).toBe('1.0 ms');
  });
  it('milliseconds, seconds, minutes, rounding into the next unit', () => {
    expect(formatDuration(4.08)).toBe('4.1 ms');
    expect(formatDuration(9.97)).toBe('10 ms');
    expect(formatDuration(12.34)).toBe('12 ms');
    expect(formatDuration(999.6)).toBe('1.00 s');
    expect(formatDuration(2500)).toBe('2.50 s');
    expect(formatDuration(59_999)).toBe('1 min 0 s');
    expect(formatDuration(65_000)).toBe('1 min 5 s');
    expect(formatDuration(119_600)).toBe('2 min 0 s');
  });
  it('negative and NaN read as zero', () => {
    expect(formatDuration(-3)).toBe('0 ms');
    expect(formatDuration(Number.NaN)).toBe('0 ms');
  });
  it('formatSeconds: whole seconds in s, the rest in ms', () => {
    expect(formatSeconds(2000)).toBe('2 s');
    expect(formatSeconds(30_000)).toBe('30 s');
    expect(formatSeconds(12_345)).toBe('12.3 s');
    expect(formatSeconds(1500)).toBe('1,500 ms');
    expect(formatSeconds(150)).toBe('150 ms');
  });
});

describe('formatPercent', () => {
  it('whole numbers at the ends, one decimal between', () => {
    expect(formatPercent(0, 5)).toBe('0 %');
    expect(formatPercent(5, 5)).toBe('100 %');
    expect(formatPercent(201_728, 204_800)).toBe('98.5 %');
    expect(formatPercent(1, 1_000_000)).toBe('0.0 %');
  });
  it('a shortfall never rounds up to 100 %', () => {
    expect(formatPercent(4_982_080, 5_000_000)).toBe('99.6 %');
    expect(formatPercent(9996, 10_000)).toBe('99.9 %');
    expect(formatPercent(999_999, 1_000_000)).toBe('99.9 %');
  });
  it('more than the whole is said as it is', () => {
    expect(formatPercent(1100, 1000)).toBe('110.0 %');
  });
  it('no whole, negative or NaN: — or zero, never NaN %', () => {
    expect(formatPercent(5, 0)).toBe('—');
    expect(formatPercent(5, -1)).toBe('—');
    expect(formatPercent(Number.NaN, 5)).toBe('—');
    expect(formatPercent(5, Number.NaN)).toBe('—');
    expect(formatPercent(-1, 5)).toBe('0 %');
  });
});
