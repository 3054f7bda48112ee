// One server exchange's events and its closing summary (what the server sent), for TCP and UDP.
import type { LabErrorInfo } from '../../../src-shared/api.js';
import { rateBytesPerSec } from '../../../src-shared/endings.js';
import type { EventKind, ExchangeSummary } from '../../../src-shared/events.js';
import { describeSummary } from '../../../src-shared/format/summary.js';
import { FILE_PREPARED, FILE_PREPARED_BYTES } from '../../../src-shared/protocol/limits.js';
import type { Proto } from '../../../src-shared/protocol/limits.js';
import { WireTally } from '../../../src-shared/wire/wire-size.js';
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
  wire?: number;
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
  /** TCP: payload bytes written that the kernel never took (see TcpPayloadWriter.unsentBytes). */
  private unsent: (() => number) | null = null;
  /** On-wire estimate of the payload sent, at the default MTU (created at the first write). */
  private wire: WireTally | null = null;

  constructor(readonly scope: ExchangeScope) {}

  /** TCP: the summary then counts what the kernel took, not what was handed to Node. */
  countUnsentWith(unsent: () => number): void {
    this.unsent = unsent;
  }

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
    this.wire ??= new WireTally(this.scope.proto, this.scope.local || this.scope.remote);
    const t = this.event('tx', { bytes, segment, wire: this.wire.add(bytes) });
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
    const endT = this.event(end === 'error' ? 'error' : 'end', { detail });
    const summary = this.summary(end, failure, endT);
    this.event('summary', { bytes: summary.bytes, detail: describeSummary(summary), summary });
  }

  private summary(end: ServerEnd, failure: LabErrorInfo | null, endT: number): ExchangeSummary {
    const s = this.scope;
    const p = this.planned;
    // Bytes the kernel never took left with the socket: they were never sent.
    const unsent = this.unsent ? Math.min(this.bytes, this.unsent()) : 0;
    const bytes = this.bytes - unsent;
    // A reply that did not finish: its bytes sit in kernel buffers nobody confirmed.
    const queued = s.proto === 'tcp' && end !== 'done' && bytes > 0;
    // A TCP write only fills Node's queue, so its time runs to the end (the kernel took the last
    // byte, or the socket went); a UDP datagram is sent when its write returns.
    const lastT = s.proto === 'tcp' && this.firstWriteT !== null ? endT : this.lastWriteT;
    const durationMs = this.firstWriteT === null ? 0 : lastT - this.firstWriteT;
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
      bytes,
      lost: p ? Math.max(0, p.expected - bytes) : 0,
      durationMs,
      throughputBps: rateBytesPerSec(bytes, durationMs),
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
      ...(queued ? { queuedNotConfirmed: true } : {}),
      ...this.wireFields(bytes),
    };
  }

  /** TCP: the estimate of what the kernel took (`bytes`), which may be less than was written. */
  private wireFields(bytes: number): ReturnType<WireTally['fields']> {
    const s = this.scope;
    const tally = s.proto === 'tcp' || this.wire === null ? new WireTally(s.proto, s.local || s.remote) : this.wire;
    if (tally !== this.wire && bytes > 0) tally.add(bytes);
    return tally.fields();
  }
}
