// One seq order for the events of every worker. Each worker's events arrive in its own emit order,
// but batches of two workers interleave by arrival time, so at each Lab flush the batch is sorted
// by t (stable: one worker's equal-t events keep their order) and then numbered. An event whose
// worker batch arrives after the Lab batch holding its t-neighbours was delivered goes into the
// next one: seq then follows arrival, and t may step back by that lateness (a few ms at most:
// WORKER_FLUSH_MS plus the hop). Sorting an almost sorted array is a linear merge of its runs.
import type { LabEvent } from '../../../src-shared/events.js';

export class EventOrder {
  private seq = 0;

  readonly stamp = (batch: LabEvent[]): void => {
    batch.sort(byTime);
    for (const event of batch) event.seq = ++this.seq;
  };
}

function byTime(a: LabEvent, b: LabEvent): number {
  return a.t - b.t;
}
