// Packets waiting for their departure time, in deadline order, driven by one timer on the head's
// absolute deadline (never one timer per packet), so a busy link costs a sorted insert and a call.
import { LINK_TIMER_SLACK_MS } from '../../../src-shared/link/limits.js';

/** What a delivery asks of the queue: go on, let the event loop turn first, or wait for unblock(). */
export type DeliverResult = 'continue' | 'yield' | 'block';

interface Entry<T> {
  at: number;
  item: T;
}

export class DeadlineQueue<T> {
  private entries: Entry<T>[] = [];
  private head = 0;
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private timerAt = Number.POSITIVE_INFINITY;
  private blocked = false;
  private running = false;
  private closed = false;

  constructor(
    private readonly now: () => number,
    private readonly deliver: (item: T) => DeliverResult,
  ) {}

  get size(): number {
    return this.entries.length - this.head;
  }

  get isBlocked(): boolean {
    return this.blocked;
  }

  push(at: number, item: T): void {
    if (this.closed) return;
    // Mostly in order: the insert point is found from the end in a step or two.
    let i = this.entries.length;
    while (i > this.head && this.entries[i - 1]!.at > at) i--;
    if (i === this.entries.length) this.entries.push({ at, item });
    else this.entries.splice(i, 0, { at, item });
    if (!this.running && !this.blocked && i === this.head && at <= this.now() + LINK_TIMER_SLACK_MS) this.run();
    else this.schedule();
  }

  /** After a 'block' (the receiver's buffer is full): deliver again, e.g. on 'drain'. */
  unblock(): void {
    if (!this.blocked) return;
    this.blocked = false;
    this.run();
  }

  /** Forgets everything still waiting; the queue takes no more. */
  close(): void {
    this.closed = true;
    this.entries = [];
    this.head = 0;
    this.clearTimers();
  }

  private readonly run = (): void => {
    this.clearTimers();
    if (this.closed || this.blocked) return;
    this.running = true;
    try {
      const due = this.now() + LINK_TIMER_SLACK_MS;
      while (this.head < this.entries.length && this.entries[this.head]!.at <= due) {
        const entry = this.entries[this.head]!;
        this.head += 1;
        const next = this.deliver(entry.item);
        if (this.closed) return;
        if (next === 'block') {
          this.blocked = true;
          break;
        }
        if (next === 'yield') {
          this.immediate = setImmediate(this.run);
          break;
        }
      }
      this.compact();
    } finally {
      this.running = false;
    }
    if (!this.blocked && this.immediate === null) this.schedule();
  };

  private schedule(): void {
    if (this.closed || this.blocked || this.running || this.immediate !== null || this.size === 0) return;
    const at = this.entries[this.head]!.at;
    if (this.timer !== null && this.timerAt <= at) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(this.run, Math.max(0, at - this.now()));
  }

  private clearTimers(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.immediate !== null) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
    this.timerAt = Number.POSITIVE_INFINITY;
  }

  private compact(): void {
    if (this.head === this.entries.length) {
      this.entries = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }
}
