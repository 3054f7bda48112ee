// The EventSink an endpoint gets inside its worker: the same emit/now/newExchangeId the endpoint
// classes use in one thread, stamped on the lab's shared clock. seq stays 0: only the main thread
// sees every worker's events, so only it can number them in one order.
import type { LabEvent } from '../../../src-shared/events.js';
import { eventFromInput } from '../event-sink.js';
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
    // seq 0: the Lab numbers events when it merges every worker's batches.
    const event = eventFromInput(input, 0, t, this.clock.wallIso(t));
    this.deliver(event);
    return event;
  }
}
