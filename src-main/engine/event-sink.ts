import { performance } from 'node:perf_hooks';
import type { CommandKind, EventKind, ExchangeSummary, LabEvent, Role } from '../../src-shared/events.js';
import type { Proto } from '../../src-shared/protocol/limits.js';

/** What an endpoint knows when it reports an event; the sink stamps seq and time. */
export interface LabEventInput {
  endpoint: string;
  role: Role;
  proto: Proto;
  kind: EventKind;
  exchange?: string | null;
  command?: CommandKind | 'bad' | null;
  local?: string;
  remote?: string;
  bytes?: number | null;
  segment?: number | null;
  detail?: string;
  /** tx / rx: estimated on-wire bytes. */
  wire?: number;
  summary?: ExchangeSummary;
}

export interface EventSink {
  emit(input: LabEventInput): LabEvent;
  /** ms since the lab started, the same clock as LabEvent.t. */
  now(): number;
  /** A lab-wide unique exchange id such as "x12". */
  newExchangeId(): string;
}

/** The one place an endpoint's report becomes a LabEvent (every sink and the Lab itself use it). */
export function eventFromInput(input: LabEventInput, seq: number, t: number, time: string): LabEvent {
  const event: LabEvent = {
    seq,
    t,
    time,
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
  return event;
}

/** Stamps events with one monotonic sequence and clock, then hands them on in order. */
export class EventRecorder implements EventSink {
  private seq = 0;
  private exchanges = 0;
  private readonly originPerf = performance.now();
  private readonly originWall = Date.now();
  /** toISOString costs ~0.8 µs; at packet rate many events share a millisecond, so reuse it. */
  private isoMs = Number.NaN;
  private iso = '';

  constructor(private readonly deliver: (event: LabEvent) => void) {}

  now(): number {
    return performance.now() - this.originPerf;
  }

  newExchangeId(): string {
    this.exchanges += 1;
    return `x${this.exchanges}`;
  }

  private wallIso(t: number): string {
    const ms = Math.floor(this.originWall + t);
    if (ms !== this.isoMs) {
      this.isoMs = ms;
      this.iso = new Date(ms).toISOString();
    }
    return this.iso;
  }

  emit(input: LabEventInput): LabEvent {
    const t = this.now();
    this.seq += 1;
    const event = eventFromInput(input, this.seq, t, this.wallIso(t));
    this.deliver(event);
    return event;
  }
}
