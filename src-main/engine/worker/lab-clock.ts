// One clock for every thread of a lab. performance.timeOrigin is taken per thread and measured
// ~15 µs apart between a worker and its parent, so t is read from process.hrtime instead: one
// CLOCK_MONOTONIC for the whole process, the same reading in every thread.
import { hrtime } from 'node:process';

/** What a worker needs to stamp events on its lab's clock (structured-clone safe). */
export interface LabClockOrigin {
  /** hrtime at lab start, ns. */
  originNs: bigint;
  /** Date.now() at lab start: LabEvent.time is this + t. */
  wallOriginMs: number;
}

export function startLabClock(): LabClockOrigin {
  return { originNs: hrtime.bigint(), wallOriginMs: Date.now() };
}

export class LabClock {
  /** toISOString costs ~0.8 µs; at packet rate many events share a millisecond, so reuse it. */
  private isoMs = Number.NaN;
  private iso = '';

  constructor(private readonly origin: LabClockOrigin) {}

  /** ms since the lab started, to the ns. */
  now(): number {
    return Number(hrtime.bigint() - this.origin.originNs) / 1e6;
  }

  wallIso(t: number): string {
    const ms = Math.floor(this.origin.wallOriginMs + t);
    if (ms !== this.isoMs) {
      this.isoMs = ms;
      this.iso = new Date(ms).toISOString();
    }
    return this.iso;
  }
}
