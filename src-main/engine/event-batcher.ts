// Events are produced at packet rate; front ends get them in batches (STYLE.md, after Hyper's
// DataBatcher), so a 110,000-datagram transfer costs a few dozen callbacks per second, not one each.
import type { EventBatchListener } from '../../src-shared/api.js';
import type { LabEvent } from '../../src-shared/events.js';

export const BATCH_INTERVAL_MS = 25;
/** A batch is delivered early at this size, so a burst never piles up more than this in memory. */
export const BATCH_MAX_EVENTS = 2000;

export interface EventBatcherOptions {
  intervalMs?: number;
  maxEvents?: number;
  /** Where a throwing listener's error goes; the other listeners still get the batch. */
  onListenerError?: (err: unknown) => void;
  /** Runs on each batch before any listener sees it (the Lab orders and numbers it there). */
  prepare?: (batch: LabEvent[]) => void;
}

export class EventBatcher {
  private readonly intervalMs: number;
  private readonly maxEvents: number;
  private readonly onListenerError: (err: unknown) => void;
  private readonly prepare: ((batch: LabEvent[]) => void) | undefined;
  private readonly listeners = new Set<EventBatchListener>();
  private pending: LabEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(opts: EventBatcherOptions = {}) {
    this.intervalMs = opts.intervalMs ?? BATCH_INTERVAL_MS;
    this.maxEvents = opts.maxEvents ?? BATCH_MAX_EVENTS;
    this.onListenerError = opts.onListenerError ?? reportListenerError;
    this.prepare = opts.prepare;
  }

  push(event: LabEvent): void {
    if (this.closed) return;
    this.pending.push(event);
    if (this.pending.length >= this.maxEvents) this.flush();
    else if (this.timer === null) {
      this.timer = setTimeout(() => this.flush(), this.intervalMs);
      // Pending events never keep a process alive on their own; close() flushes them.
      this.timer.unref();
    }
  }

  /** Listeners are called in subscription order; returns the unsubscribe function. */
  onEvents(listener: EventBatchListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Delivers what is pending now (before an export, on close). */
  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending.length === 0) return;
    // Swap first: a listener that causes new events re-enters push() with a fresh batch.
    const batch = this.pending;
    this.pending = [];
    this.prepare?.(batch);
    for (const listener of [...this.listeners]) {
      try {
        listener(batch);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }

  close(): void {
    this.flush();
    this.closed = true;
    this.listeners.clear();
  }
}

function reportListenerError(err: unknown): void {
  process.emitWarning(`event listener failed: ${err instanceof Error ? err.message : String(err)}`);
}
