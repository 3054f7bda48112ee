// One server exchange's events and its closing summary (what the server sent), for TCP and UDP.
import type { LabErrorInfo } from '../../../src-shared/api.js';
import type { EventKind, ExchangeSummary } from '../../../src-shared/events.js';
import { FILE_PREPARED, FILE_PREPARED_BYTES } from '../../../src-shared/protocol/limits.js';
import type { Proto } from '../../../src-shared/protocol/limits.js';
import type { EventSink } from '../event-sink.js';
import type { PlannedRequest } from './reply-plan.js';

/** Summaries carry at most this much of a reply text, as ExchangeSummary.reply documents. */
const SUMMARY_REPLY_MAX_CHARS = 1024;

export interface ExchangeScope {
  sink: EventSink;
  endpoint: string;
  proto: Proto;
  exchange: string;
  local: string;
  remote: string;
}

export type ServerEnd = 'done' | 'error' | 'cancelled';

interface EventFields {
  bytes?: number | null;
  segment?: number | null;
  detail?: string;
  summary?: ExchangeSummary;
}

export class ExchangeReporter {
  private planned: PlannedRequest | null = null;
  private bytes = 0;
  private writes = 0;
  private segmentsSent = 0;
  private firstWriteT: number | null = null;
  private lastWriteT = 0;
  private requestT: number | null = null;
  private preparedT: number | null = null;
  private ended = false;

  constructor(readonly scope: ExchangeScope) {}

  get finished(): boolean {
    return this.ended;
  }

  get sentBytes(): number {
    return this.bytes;
  }

  event(kind: EventKind, fields: EventFields = {}): number {
    const s = this.scope;
    return s.sink.emit({
      endpoint: s.endpoint,
      role: 'server',
      proto: s.proto,
      kind,
      exchange: s.exchange,
      command: this.planned?.command ?? null,
      local: s.local,
      remote: s.remote,
      ...fields,
    }).t;
  }

  /** Logs the request (and, for a bad one, the error event whose detail is the reply text). */
  request(planned: PlannedRequest, receivedBytes: number): void {
    this.planned = planned;
    this.requestT = this.event('request', { bytes: receivedBytes, detail: planned.detail });
    if (planned.command === 'bad' && planned.reply !== null) this.event('error', { detail: planned.reply });
  }

  prepared(): void {
    this.preparedT = this.event('prepared', { bytes: FILE_PREPARED_BYTES, detail: FILE_PREPARED });
  }

  /** One payload write (TCP) or datagram (UDP); `segment` is a stream segment's sequence number. */
  tx(bytes: number, segment: number | null = null): void {
    const t = this.event('tx', { bytes, segment });
    this.bytes += bytes;
    this.writes += 1;
    this.firstWriteT ??= t;
    this.lastWriteT = t;
  }

  segmentDone(): void {
    this.segmentsSent += 1;
  }

  /** Ends the exchange once: an 'end' (or 'error') event, then the summary. Later calls are ignored. */
  finish(end: ServerEnd, detail: string, failure: LabErrorInfo | null = null): void {
    if (this.ended) return;
    this.ended = true;
    this.event(end === 'error' ? 'error' : 'end', { detail });
    const summary = this.summary(end, failure);
    this.event('summary', { bytes: summary.bytes, detail: describeSummary(summary), summary });
  }

  private summary(end: ServerEnd, failure: LabErrorInfo | null): ExchangeSummary {
    const s = this.scope;
    const p = this.planned;
    const durationMs = this.firstWriteT === null ? 0 : this.lastWriteT - this.firstWriteT;
    const badRequest =
      p?.command === 'bad' && p.reply !== null
        ? { code: p.refused === true ? ('BUSY' as const) : ('BAD_REQUEST' as const), message: p.reply }
        : null;
    return {
      exchange: s.exchange,
      endpoint: s.endpoint,
      role: 'server',
      proto: s.proto,
      command: p?.command ?? null,
      request: p?.text ?? '',
      expected: p ? p.expected : null,
      bytes: this.bytes,
      lost: p ? Math.max(0, p.expected - this.bytes) : 0,
      durationMs,
      throughputBps: durationMs > 0 ? (this.bytes * 1000) / durationMs : 0,
      reads: s.proto === 'tcp' ? this.writes : 0,
      datagrams: s.proto === 'udp' ? this.writes : 0,
      segmentsExpected: p?.segments ?? 0,
      segmentsReceived: this.segmentsSent,
      missing: 0,
      missingSample: [],
      outOfOrder: 0,
      duplicated: 0,
      prepareMs: this.preparedT !== null && this.requestT !== null ? this.preparedT - this.requestT : null,
      end,
      reply: p?.reply?.slice(0, SUMMARY_REPLY_MAX_CHARS) ?? null,
      error: failure ?? badRequest,
      local: s.local,
      remote: s.remote,
    };
  }
}

function describeSummary(s: ExchangeSummary): string {
  const of = s.expected !== null ? ` of ${s.expected}` : '';
  const unit = s.proto === 'tcp' ? 'writes' : 'datagrams';
  const count = s.proto === 'tcp' ? s.reads : s.datagrams;
  const rate = s.throughputBps > 0 ? `, ${(s.throughputBps / 1e6).toFixed(2)} MB/s` : '';
  return `${s.end}: sent ${s.bytes}${of} bytes in ${count} ${unit}, ${s.durationMs.toFixed(1)} ms${rate}`;
}
