// Events leave a worker in batches (STYLE.md: never one postMessage per packet): every few ms, at
// a size cap during a burst, and always before a reply, so a reply never overtakes its events.
import type { MessagePort } from 'node:worker_threads';
import type { EndpointInfo, LabResult } from '../../../src-shared/api.js';
import type { LabEvent } from '../../../src-shared/events.js';
import { encodeEvents, transferables } from './event-columns.js';
import type { WorkerMessage } from './worker-protocol.js';

/** Short beside the Lab's 25 ms batches, so events of two workers mostly meet in one Lab batch. */
export const WORKER_FLUSH_MS = 4;
/** A burst (a rate-0 UDP file) posts at this size; structured clone is cheapest in such blocks. */
export const WORKER_BATCH_MAX_EVENTS = 1000;

export class BatchPoster {
  private pending: LabEvent[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly port: MessagePort,
    private readonly info: () => EndpointInfo,
  ) {}

  push(event: LabEvent): void {
    this.pending.push(event);
    if (this.pending.length >= WORKER_BATCH_MAX_EVENTS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), WORKER_FLUSH_MS);
  }

  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending.length === 0) return;
    const events = encodeEvents(this.pending);
    this.pending = [];
    const message: WorkerMessage = { type: 'events', events, info: this.info() };
    this.port.postMessage(message, transferables(events));
  }

  reply(id: number, result: LabResult<unknown>): void {
    this.flush();
    const message: WorkerMessage = { type: 'reply', id, result, info: this.info() };
    this.port.postMessage(message);
  }
}
