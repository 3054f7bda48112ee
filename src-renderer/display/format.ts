// Number formats used across the views; en-US grouping so 1,000,000 reads the same everywhere.

// One formatter for all: toLocaleString() builds a new one per call, which shows up in profiles.
const INT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function fmtInt(n: number): string {
  return INT.format(Math.round(n));
}

/** 999 B, 1.2 kB, 3.4 MB (decimal units, as network rates are usually given). */
export function fmtBytes(n: number): string {
  if (n < 1000) return `${fmtInt(n)} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i += 1;
  }
  return `${v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0)} ${units[i]}`;
}

export function fmtRate(bytesPerSecond: number): string {
  if (!Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) return '0 B/s';
  return `${fmtBytes(bytesPerSecond)}/s`;
}

/** Also in bits, the unit Wireshark's and iperf's rates use. */
export function fmtBits(bytesPerSecond: number): string {
  const bits = bytesPerSecond * 8;
  if (bits < 1000) return `${fmtInt(bits)} bit/s`;
  if (bits < 1e6) return `${(bits / 1e3).toFixed(1)} kbit/s`;
  if (bits < 1e9) return `${(bits / 1e6).toFixed(1)} Mbit/s`;
  return `${(bits / 1e9).toFixed(2)} Gbit/s`;
}

/** Event times are sub-microsecond, so a sub-ms span keeps two decimals: 0.04 ms, never 0.00 ms. */
export function fmtMs(ms: number): string {
  if (ms <= 0) return '0 ms';
  if (ms < 0.01) return '< 0.01 ms';
  if (ms < 1) return `${+ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const min = Math.floor(ms / 60_000);
  return `${min} min ${Math.round((ms - min * 60_000) / 1000)} s`;
}

export function fmtPercent(part: number, whole: number): string {
  if (whole <= 0) return '—';
  const p = (part / whole) * 100;
  // A shortfall keeps a decimal and never rounds up to 100 %: 4,982,080 of 5,000,000 reads 99.6 %.
  let text = part === whole || part === 0 ? p.toFixed(0) : p.toFixed(1);
  if (part < whole && Number(text) >= 100) text = '99.9';
  return `${text} %`;
}
