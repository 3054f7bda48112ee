// A bounded log: the renderer keeps the newest events only (the CSV export keeps them all),
// so a 110,000-datagram transfer costs a fixed amount of memory however long the session runs.

import type { LabEvent } from '../../src-shared/events.js';

/** How many events one view keeps for its log table. */
export const EVENT_RING_CAPACITY = 200_000;

/** What the log table shows of an event. Keeping only this (not addresses, wall time, endpoint)
 *  halves what 200,000 kept events cost, and lets the parsed batch be collected. */
export type LogRow = Pick<LabEvent, 'seq' | 't' | 'kind' | 'bytes' | 'segment' | 'exchange' | 'detail'>;

export function toLogRow(e: LabEvent): LogRow {
  // A client's log also lists its link's decisions: their exchange ids are the link's, said so.
  const exchange = e.role === 'link' && e.exchange !== null ? `link ${e.exchange}` : e.exchange;
  return { seq: e.seq, t: e.t, kind: e.kind, bytes: e.bytes, segment: e.segment, exchange, detail: e.detail };
}

export class EventRing<T> {
  private items: T[] = [];
  /** Index of the oldest kept item once the ring has wrapped. */
  private head = 0;
  /** Items ever pushed, including those that fell off the front. */
  total = 0;

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
  }
}
