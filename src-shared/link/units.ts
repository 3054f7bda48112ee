// Units as a student writes them (`5%`, `40ms`, `1MB/s`, `64KB`, `100±50`), parsed and printed
// by pure functions so the CLI and the UI panel accept and show the very same text.

export type UnitResult<T> = { ok: true; value: T } | { ok: false; message: string };

const NUMBER = String.raw`(\d+(?:\.\d+)?|\.\d+)`;

function ok<T>(value: T): UnitResult<T> {
  return { ok: true, value };
}
function bad<T>(message: string): UnitResult<T> {
  return { ok: false, message };
}

/** `5%`, `5 %`, `5`, `0.5%` → 5 (a percentage 0–100). */
export function parsePercent(text: string): UnitResult<number> {
  const m = new RegExp(`^${NUMBER}\\s*%?$`).exec(text.trim());
  if (!m) return bad(`"${text}" is not a percentage (write it like 5%)`);
  const v = Number(m[1]);
  if (v > 100) return bad(`"${text}" is over 100 %`);
  return ok(v);
}

const TIME_UNITS: Record<string, number> = { '': 1, ms: 1, s: 1000, us: 0.001, 'µs': 0.001 };

/** `40ms`, `40`, `1.5s`, `250us` → ms. */
export function parseDurationMs(text: string): UnitResult<number> {
  const m = new RegExp(`^${NUMBER}\\s*(ms|s|us|µs)?$`, 'i').exec(text.trim());
  if (!m) return bad(`"${text}" is not a time (write it like 40ms or 1.5s; it cannot be negative)`);
  return ok(Number(m[1]) * TIME_UNITS[(m[2] ?? '').toLowerCase()]!);
}

// Decimal prefixes (1 KB = 1000 B) like network rates; KiB / MiB for powers of two.
const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

/** `64KB`, `1500`, `1.5MB`, `64KiB` → bytes (a whole number). */
export function parseBytes(text: string): UnitResult<number> {
  const m = new RegExp(`^${NUMBER}\\s*([kmg]i?b|b)?$`, 'i').exec(text.trim());
  if (!m) return bad(`"${text}" is not a size (write it like 64KB, 1500 or 1MiB)`);
  return ok(Math.round(Number(m[1]) * SIZE_UNITS[(m[2] ?? '').toLowerCase()]!));
}

/** `1MB/s`, `500KB/s`, `8Mbit/s`, `1000000` → bytes per second. */
export function parseRate(text: string): UnitResult<number> {
  const t = text.trim();
  const bits = new RegExp(`^${NUMBER}\\s*([kmg]?)bit/s$`, 'i').exec(t);
  if (bits) {
    const scale = { '': 1, k: 1e3, m: 1e6, g: 1e9 }[bits[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
    return ok(Math.round((Number(bits[1]) * scale) / 8));
  }
  const m = new RegExp(`^${NUMBER}\\s*([kmg]i?b|b)?(/s)?$`, 'i').exec(t);
  if (!m) return bad(`"${text}" is not a rate (write it like 1MB/s, 500KB/s or 8Mbit/s)`);
  return ok(Math.round(Number(m[1]) * SIZE_UNITS[(m[2] ?? '').toLowerCase()]!));
}

/** `100`, `100±50`, `100+-50`, `100+/-50` → slice size and variation in bytes. */
export function parseSlice(text: string): UnitResult<{ bytes: number; varBytes: number }> {
  const m = /^(\d+)\s*(?:(?:±|\+-|\+\/-)\s*(\d+))?$/.exec(text.trim());
  if (!m) return bad(`"${text}" is not a slice size (write it like 100 or 100±50 bytes)`);
  const bytes = Number(m[1]);
  const varBytes = Number(m[2] ?? 0);
  if (bytes < 1) return bad('a slice is at least 1 byte');
  if (varBytes >= bytes) return bad(`the variation (${varBytes}) must be smaller than the slice (${bytes})`);
  return ok({ bytes, varBytes });
}

/** `1%,25%` → P(good → bad), P(bad → good) in %. */
export function parseBurst(text: string): UnitResult<{ goodToBadPct: number; badToGoodPct: number }> {
  const parts = text.split(',');
  if (parts.length !== 2) return bad(`"${text}" is not P_GB,P_BG (write it like 1%,25%)`);
  const gb = parsePercent(parts[0]!);
  const bg = parsePercent(parts[1]!);
  if (!gb.ok) return gb;
  if (!bg.ok) return bg;
  if (bg.value <= 0) return bad('P(bad → good) must be above 0 %, or a burst never ends');
  return ok({ goodToBadPct: gb.value, badToGoodPct: bg.value });
}

function trim(n: number): string {
  return String(Math.round(n * 100) / 100);
}

export function formatPct(pct: number): string {
  return `${trim(pct)} %`;
}

export function formatMs(ms: number): string {
  return ms >= 10_000 ? `${trim(ms / 1000)} s` : `${trim(ms)} ms`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1e6 && bytes % 1e4 === 0) return `${trim(bytes / 1e6)} MB`;
  if (bytes >= 1e3 && bytes % 10 === 0) return `${trim(bytes / 1e3)} KB`;
  return `${bytes} B`;
}

export function formatRate(bytesPerSec: number): string {
  if (bytesPerSec >= 1e6) return `${trim(bytesPerSec / 1e6)} MB/s`;
  if (bytesPerSec >= 1e3) return `${trim(bytesPerSec / 1e3)} KB/s`;
  return `${bytesPerSec} B/s`;
}
