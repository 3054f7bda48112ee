// Missing sequence numbers and lost byte spans, said as ranges ("2009–2821 (813)") rather than one
// number at a time, so a burst of loss reads as one burst.
import { formatCount } from '../format/numbers.js';

export interface NumberRange {
  from: number;
  to: number;
}

/** Sorted, merged ranges of the given integers (any order, duplicates allowed). */
export function toRanges(values: Iterable<number>): NumberRange[] {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const out: NumberRange[] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v === last.to + 1) last.to = v;
    else out.push({ from: v, to: v });
  }
  return out;
}

export function rangeLength(r: NumberRange): number {
  return r.to - r.from + 1;
}

/** "7", "2009–2821 (813)"; numbers grouped by thousands as the summary writes them. */
export function formatRange(r: NumberRange): string {
  const n = formatCount;
  return r.from === r.to ? n(r.from) : `${n(r.from)}–${n(r.to)} (${n(rangeLength(r))})`;
}

/** At most `max` ranges, then "and N more in K ranges". */
export function formatRanges(ranges: readonly NumberRange[], max = 8): string {
  if (ranges.length === 0) return 'none';
  const shown = ranges.slice(0, max).map(formatRange).join(', ');
  const rest = ranges.slice(max);
  if (rest.length === 0) return shown;
  const more = rest.reduce((sum, r) => sum + rangeLength(r), 0);
  return `${shown} and ${formatCount(more)} more in ${formatCount(rest.length)} ranges`;
}

/**
 * A summary's missing ranges (the first few of a bounded list) with what is left over counted:
 * "400, 398–397 (2) and 12 more in 5 ranges". `total` numbers are missing in `rangeCount` ranges.
 */
export function describeMissingRanges(
  ranges: readonly NumberRange[],
  total: number,
  rangeCount = ranges.length,
  max = 10,
): string {
  if (ranges.length === 0) return total > 0 ? `${total.toLocaleString('en-US')} (not numbered)` : 'none';
  const shown = ranges.slice(0, max);
  const shownNumbers = shown.reduce((sum, r) => sum + rangeLength(r), 0);
  const restNumbers = total - shownNumbers;
  const restRanges = rangeCount - shown.length;
  const text = shown.map(formatRange).join(', ');
  if (restRanges <= 0 || restNumbers <= 0) return text;
  return `${text} and ${restNumbers.toLocaleString('en-US')} more in ${restRanges.toLocaleString('en-US')} ranges`;
}
