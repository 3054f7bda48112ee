// Per-client event queue: forwards the Lab's batches, merges them while the socket is backed up,
// and stays bounded when a browser cannot keep up (the journal still holds every event).
import type { LabEvent } from '../../src-shared/events.js';
import { batchEventJson } from '../engine/event-json.js';

/** Above this many unsent bytes in the socket, stop sending and keep merging batches. */
export const OUTBOX_HIGH_WATER_BYTES = 4 * 1024 * 1024;
/** How often a backed-up outbox looks at the socket again. */
export const OUTBOX_RETRY_MS = 50;
/** Largest batch in one WebSocket message, so the page parses it in one short task. */
export const OUTBOX_MAX_EVENTS_PER_MESSAGE = 5000;
/** Events held for one slow client before the oldest packet events are dropped. */
export const OUTBOX_MAX_PENDING_EVENTS = 100_000;

/** The part of a `ws` WebSocket the outbox uses (kept narrow so tests can drive it). */
export interface OutboxSocket {
  readonly bufferedAmount: number;
  isOpen(): boolean;
  /** `lines[i]` is JSON.stringify(batch[i]), already made once for the journal. */
  sendBatch(batch: LabEvent[], lines: string[]): void;
}

export class EventOutbox {
  private pending: LabEvent[] = [];
  /** JSON of each pending event, in step with `pending`. */
  private pendingLines: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushQueued = false;
  private closed = false;
  /** Packet events dropped from this client's live view because it fell too far behind. */
  dropped = 0;

  constructor(
    private readonly socket: OutboxSocket,
    private readonly onDrop: (dropped: number) => void = () => {},
  ) {}

  push(batch: readonly LabEvent[]): void {
    if (this.closed || batch.length === 0) return;
    const lines = batchEventJson(batch);
    for (let i = 0; i < batch.length; i++) {
      this.pending.push(batch[i]!);
      this.pendingLines.push(lines[i]!);
    }
    if (this.pending.length > OUTBOX_MAX_PENDING_EVENTS) this.shed();
    // Merge the batches that arrive in the same tick into one message.
    if (!this.flushQueued && this.timer === null) {
      this.flushQueued = true;
      setImmediate(() => {
        this.flushQueued = false;
        this.flush();
      });
    }
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  close(): void {
    this.closed = true;
    this.pending = [];
    this.pendingLines = [];
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private flush(): void {
    if (this.closed || !this.socket.isOpen()) return;
    let sent = 0;
    while (sent < this.pending.length && this.socket.bufferedAmount < OUTBOX_HIGH_WATER_BYTES) {
      const end = sent + OUTBOX_MAX_EVENTS_PER_MESSAGE;
      const chunk = this.pending.slice(sent, end);
      this.socket.sendBatch(chunk, this.pendingLines.slice(sent, end));
      sent += chunk.length;
    }
    const all = sent === this.pending.length;
    this.pending = all ? [] : this.pending.slice(sent);
    this.pendingLines = all ? [] : this.pendingLines.slice(sent);
    if (this.pending.length > 0 && this.timer === null) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flush();
      }, OUTBOX_RETRY_MS);
    }
  }

  /**
   * Drops the oldest packet events down to 90 % of the cap. Summaries and errors stay: they are
   * what the page's Summary and error messages are built from.
   */
  private shed(): void {
    const target = Math.floor(OUTBOX_MAX_PENDING_EVENTS * 0.9);
    let toDrop = this.pending.length - target;
    const kept: LabEvent[] = [];
    const keptLines: string[] = [];
    this.pending.forEach((event, i) => {
      const precious = event.kind === 'summary' || event.kind === 'error';
      if (toDrop > 0 && !precious) toDrop -= 1;
      else {
        kept.push(event);
        keptLines.push(this.pendingLines[i]!);
      }
    });
    const dropped = this.pending.length - kept.length;
    this.pending = kept;
    this.pendingLines = keptLines;
    this.dropped += dropped;
    if (dropped > 0) this.onDrop(dropped);
  }
}
