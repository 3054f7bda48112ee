// A bounded log: the renderer keeps the newest events only (the CSV export keeps them all),
// so a 110,000-datagram transfer costs a fixed amount of memory however long the session runs.

import type { LabEvent } from '../../src-shared/events.js';

/** How many events one view keeps for its log table. */
export const EVENT_RING_CAPACITY = 200_000;

/**
 * What the log keeps of an event: every field but the wall-clock text, which is derived from `t`
 * (one offset per view, see EventsSlice.logWallOffsetMs). Addresses and endpoint ids repeat on
 * every packet of an exchange, so they are interned: 200,000 kept rows share a few strings.
 */
export type LogRow = Omit<LabEvent, 'time'>;

/** Distinct strings the interning table holds before it starts afresh (a bound, not a cache size). */
const INTERN_MAX = 4096;
let interned = new Map<string, string>();

function intern(s: string): string {
  const known = interned.get(s);
  if (known !== undefined) return known;
  if (interned.size >= INTERN_MAX) interned = new Map();
  interned.set(s, s);
  return s;
}

export function toLogRow(e: LabEvent): LogRow {
  // A client's log also lists its link's decisions: their exchange ids are the link's, said so.
  const exchange = e.role === 'link' && e.exchange !== null ? intern(`link ${e.exchange}`) : e.exchange === null ? null : intern(e.exchange);
  const row: LogRow = {
    seq: e.seq,
    t: e.t,
    endpoint: intern(e.endpoint),
    role: e.role,
    proto: e.proto,
    kind: e.kind,
    exchange,
    command: e.command,
    local: intern(e.local),
    remote: intern(e.remote),
    bytes: e.bytes,
    segment: e.segment,
    detail: e.detail,
  };
  if (e.summary) row.summary = e.summary;
  return row;
}

export class EventRing<T> {
  private items: T[] = [];
  /** Index of the oldest kept item once the ring has wrapped. */
  private head = 0;
  /** Items ever pushed, including those that fell off the front. */
  total = 0;
  /** Times the ring was cleared: a reader's positions from before a clear mean nothing after it. */
  clears = 0;

  constructor(readonly capacity: number = EVENT_RING_CAPACITY) {}

  get length(): number {
    return this.items.length;
  }

  /** Items that fell off the front. */
  get dropped(): number {
    return this.total - this.items.length;
  }

  push(item: T): void {
    this.total += 1;
    if (this.items.length < this.capacity) {
      this.items.push(item);
      return;
    }
    this.items[this.head] = item;
    this.head = (this.head + 1) % this.capacity;
  }

  /** 0 is the oldest kept item, length − 1 the newest. */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.items.length) return undefined;
    return this.items[(this.head + index) % this.items.length];
  }

  clear(): void {
    this.items = [];
    this.head = 0;
    this.total = 0;
    this.clears += 1;
  }
}
