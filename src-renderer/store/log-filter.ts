// The event log's filter: by kind, exchange and peer, and a text search. It keeps the ring
// positions of matching rows and works incrementally: a new batch scans only the rows it added,
// and rows that fell off the ring's front are dropped from the front of the matches, so a filter
// costs at most one pass over the bounded ring when it changes and O(batch) while packets pour in.
import type { EventRing, LogRow } from './event-ring.js';

export interface LogFilterCriteria {
  /** '' = any. */
  kind: string;
  /** An exchange id, '' = any, NO_EXCHANGE = rows of no exchange. */
  exchange: string;
  /** A remote address, '' = any. */
  peer: string;
  /** Case-insensitive text found in the detail, kind, exchange, addresses or numbers. */
  text: string;
}

export const NO_EXCHANGE = '(none)';
export const NO_FILTER: LogFilterCriteria = { kind: '', exchange: '', peer: '', text: '' };

export function isFiltering(c: LogFilterCriteria): boolean {
  return c.kind !== '' || c.exchange !== '' || c.peer !== '' || c.text.trim() !== '';
}

/** One row against the criteria (`needle` already lower-cased and trimmed). */
export function rowMatches(row: LogRow, c: LogFilterCriteria, needle: string): boolean {
  if (c.kind !== '' && row.kind !== c.kind) return false;
  if (c.exchange === NO_EXCHANGE ? row.exchange !== null : c.exchange !== '' && row.exchange !== c.exchange) return false;
  if (c.peer !== '' && row.remote !== c.peer) return false;
  if (needle === '') return true;
  if (row.detail.toLowerCase().includes(needle)) return true;
  if (row.kind.includes(needle) || (row.exchange ?? '').toLowerCase().includes(needle)) return true;
  if (row.remote.includes(needle) || row.local.includes(needle)) return true;
  return (row.bytes !== null && String(row.bytes) === needle) || (row.segment !== null && String(row.segment) === needle);
}

export class LogFilter {
  private criteria: LogFilterCriteria = NO_FILTER;
  private needle = '';
  /** Absolute positions (0 = the first row pushed since the ring was cleared) of matching rows. */
  private matches: number[] = [];
  /** Index of the first match still in the ring; entries before it are pruned lazily. */
  private head = 0;
  /** Absolute position of the next row to scan. */
  private scanned = 0;
  private ringClears = 0;

  /** New criteria: the next update() scans the whole ring once. */
  setCriteria(c: LogFilterCriteria): void {
    this.criteria = c;
    this.needle = c.text.trim().toLowerCase();
    this.matches = [];
    this.head = 0;
    this.scanned = 0;
  }

  /** Brings the matches up to the ring's newest row; returns how many match. */
  update(ring: EventRing<LogRow>): number {
    // The ring was cleared since: start over.
    if (ring.clears !== this.ringClears || ring.total < this.scanned) this.setCriteria(this.criteria);
    this.ringClears = ring.clears;
    const dropped = ring.dropped;
    let from = Math.max(this.scanned, dropped);
    for (; from < ring.total; from += 1) {
      const row = ring.at(from - dropped)!;
      if (rowMatches(row, this.criteria, this.needle)) this.matches.push(from);
    }
    this.scanned = ring.total;
    while (this.head < this.matches.length && this.matches[this.head]! < dropped) this.head += 1;
    // Compact once the pruned front outweighs what is kept, so the array stays bounded by the ring.
    if (this.head > 1024 && this.head * 2 > this.matches.length) {
      this.matches = this.matches.slice(this.head);
      this.head = 0;
    }
    return this.matches.length - this.head;
  }

  get count(): number {
    return this.matches.length - this.head;
  }

  /** The i-th matching row (0 = oldest), as kept in the ring. */
  at(ring: EventRing<LogRow>, i: number): LogRow | undefined {
    const abs = this.matches[this.head + i];
    return abs === undefined ? undefined : ring.at(abs - ring.dropped);
  }
}

/** "+12.345 ms", "−0.250 ms", "+1,234.500 ms": time since a base, in ms with µs shown. */
export function relativeMs(t: number, base: number): string {
  const d = t - base;
  const sign = d < 0 ? '−' : '+';
  return `${sign}${Math.abs(d).toLocaleString('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 })} ms`;
}
