// The EventSink an endpoint gets inside its worker: the same emit/now/newExchangeId the endpoint
// classes use in one thread, stamped on the lab's shared clock. seq stays 0: only the main thread
// sees every worker's events, so only it can number them in one order.
import type { LabEvent } from '../../../src-shared/events.js';
import type { EventSink, LabEventInput } from '../event-sink.js';
import { LabClock } from './lab-clock.js';
import type { LabClockOrigin } from './lab-clock.js';

export class WorkerSink implements EventSink {
  private readonly clock: LabClock;
  private exchanges = 0;

  constructor(
    origin: LabClockOrigin,
    private readonly exchangePrefix: string,
    private readonly deliver: (event: LabEvent) => void,
  ) {
    this.clock = new LabClock(origin);
  }

  now(): number {
    return this.clock.now();
  }

  newExchangeId(): string {
    this.exchanges += 1;
    return `${this.exchangePrefix}${this.exchanges}`;
  }

  emit(input: LabEventInput): LabEvent {
    const t = this.clock.now();
    const event: LabEvent = {
      seq: 0,
      t,
      time: this.clock.wallIso(t),
      endpoint: input.endpoint,
      role: input.role,
      proto: input.proto,
      kind: input.kind,
      exchange: input.exchange ?? null,
      command: input.command ?? null,
      local: input.local ?? '',
      remote: input.remote ?? '',
      bytes: input.bytes ?? null,
      segment: input.segment ?? null,
      detail: input.detail ?? '',
    };
    if (input.wire !== undefined) event.wire = input.wire;
    if (input.summary) event.summary = input.summary;
    this.deliver(event);
    return event;
  }
}
