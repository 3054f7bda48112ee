// Numbers as a student reads them, in every face (engine details, CLI, renderer): counts grouped
// by thousands, sizes and rates in decimal units as network tools give them, durations that keep
// sub-millisecond precision, percentages that never round a shortfall up to 100 %.
// Magnitudes (sizes, rates, durations) never print NaN or a negative: they read as zero.

// One formatter for all: toLocaleString() builds a new one per call, which shows up in profiles.
const INT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const TENTHS = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** What a size, rate or duration that is not a number or is negative reads as. */
function magnitude(n: number): number {
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** `123,456,789` (rounded to a whole number); `—` for what is not a number. */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? INT.format(Math.round(n)) : '—';
}

/** `1 datagram`, `2,000 datagrams`. */
export function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * `v` in the largest unit it reaches, with `digits(v)` decimals; a value that rounds up to 1000 of
 * a unit moves to the next one (999,950 B reads 1.00 MB, never 1000 kB).
 */
function scaled(v: number, units: readonly string[], digits: (v: number, unit: number) => number): string {
  let i = 0;
  let text = v.toFixed(digits(v, i));
  while (i < units.length - 1 && Number(text) >= 1000) {
    v /= 1000;
    i += 1;
    text = v.toFixed(digits(v, i));
  }
  return `${text} ${units[i]}`;
}

/** Three significant digits from a kilobyte up. */
const SIGNIFICANT = (v: number): number => (v < 10 ? 2 : v < 100 ? 1 : 0);

/** `999 B`, `1.20 kB`, `34.5 MB` (decimal units, as network rates are usually given). */
export function formatBytes(bytes: number): string {
  const n = magnitude(bytes);
  if (Math.round(n) < 1000) return `${formatCount(n)} B`;
  return scaled(n / 1000, ['kB', 'MB', 'GB', 'TB'], SIGNIFICANT);
}

/** Bytes per second: `512 B/s`, `999.9 kB/s`, `244.8 MB/s`, `1.2 GB/s`. */
export function formatRate(bytesPerSecond: number): string {
  const n = magnitude(bytesPerSecond);
  if (Math.round(n) < 1000) return `${formatCount(n)} B/s`;
  return scaled(n / 1000, ['kB/s', 'MB/s', 'GB/s'], () => 1);
}

/** The same rate in bits, the unit Wireshark's, iperf's and link speeds use: `32.0 Mbit/s`. */
export function formatBitRate(bytesPerSecond: number): string {
  const bits = magnitude(bytesPerSecond) * 8;
  if (Math.round(bits) < 1000) return `${formatCount(bits)} bit/s`;
  return scaled(bits / 1000, ['kbit/s', 'Mbit/s', 'Gbit/s'], (_, unit) => (unit === 2 ? 2 : 1));
}

/**
 * Event times are sub-microsecond, so a sub-ms span keeps two decimals: `0.04 ms`, never
 * `0.00 ms`; `4.1 ms`, `250 ms`, `2.50 s`, `1 min 5 s`.
 */
export function formatDuration(ms: number): string {
  const n = magnitude(ms);
  if (n === 0) return '0 ms';
  if (n < 0.01) return '< 0.01 ms';
  if (n < 1 && Number(n.toFixed(2)) < 1) return `${+n.toFixed(2)} ms`;
  if (n < 10 && Number(n.toFixed(1)) < 10) return `${n.toFixed(1)} ms`;
  if (Math.round(n) < 1000) return `${n.toFixed(0)} ms`;
  if (Number((n / 1000).toFixed(2)) < 60) return `${(n / 1000).toFixed(2)} s`;
  const s = Math.round(n / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** `2 s`, `0.3 s`, `1,500 ms` below a second's worth of precision (settings such as timeouts). */
export function formatSeconds(ms: number): string {
  const n = magnitude(ms);
  return n % 1000 === 0 || n >= 10_000 ? `${TENTHS.format(n / 1000)} s` : `${TENTHS.format(n)} ms`;
}

/**
 * `part` of `whole` in percent: whole numbers at 0 and 100 %, one decimal between, and a shortfall
 * never rounds up to 100 % (4,982,080 of 5,000,000 reads 99.6 %, 99.96 % reads 99.9 %).
 * `—` when there is no whole to be a part of.
 */
export function formatPercent(part: number, whole: number): string {
  if (!Number.isFinite(whole) || !Number.isFinite(part) || whole <= 0) return '—';
  const p = (Math.max(0, part) / whole) * 100;
  let text = part === whole || part <= 0 ? p.toFixed(0) : p.toFixed(1);
  if (part < whole && Number(text) >= 100) text = '99.9';
  return `${text} %`;
}
