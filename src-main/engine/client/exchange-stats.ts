import { rateBytesPerSec } from '../../../src-shared/endings.js';
import type { CommandKind, EndReason, ExchangeSummary } from '../../../src-shared/events.js';
import type { Proto } from '../../../src-shared/protocol/limits.js';
import { SequenceTracker } from './sequence-tracker.js';

export interface ExchangeStatsInit {
  exchange: string;
  endpoint: string;
  proto: Proto;
  command: CommandKind | 'bad' | null;
  request: string;
  expected: number | null;
  /** Stream geometry, when the exchange is a stream. */
  stream: { count: number; size: number } | null;
  /** False when sequence numbers cannot be trusted (segments shorter than the count's digits). */
  trackSequence: boolean;
}

export interface SummaryEnd {
  end: EndReason;
  error: { code: string; message: string } | null;
  reply: string | null;
  local: string;
  remote: string;
}

/**
 * Accumulates what one client exchange received. The hot path (one call per datagram) only
 * adds numbers; everything derived is computed once, in build().
 */
export class ExchangeStats {
  bytes = 0;
  reads = 0;
  datagrams = 0;
  expected: number | null;
  readonly sequence: SequenceTracker | null;
  private sentAt: number | null = null;
  private lastPayloadAt: number | null = null;
  private lastReplyAt: number | null = null;
  private preparedAt: number | null = null;

  constructor(private readonly init: ExchangeStatsInit) {
    this.expected = init.expected;
    this.sequence = init.stream && init.trackSequence ? new SequenceTracker(init.stream.count) : null;
  }

  requestSent(now: number): void {
    this.sentAt = now;
  }

  payload(bytes: number, now: number): void {
    this.bytes += bytes;
    this.lastPayloadAt = now;
  }

  /** Reply text that is not payload (a server's error line). */
  replyReceived(now: number): void {
    this.lastReplyAt = now;
  }

  /** Returns ms from the request to `file_prepared`. */
  prepared(now: number): number {
    this.preparedAt = now;
    return this.sentAt === null ? 0 : now - this.sentAt;
  }

  /** Over TCP the first segment's number is the count the server really sends (its stream limit). */
  adoptStreamCount(count: number): boolean {
    const stream = this.init.stream;
    if (!stream || !this.sequence || count < 1 || count >= this.sequence.count) return false;
    this.sequence.adoptCount(count);
    this.expected = count * stream.size;
    return true;
  }

  /**
   * Over UDP the first datagram may be lost, so the cap is read at the end: with count-down
   * numbering the highest number that arrived is the count the server sent. Only believed when
   * every number below it arrived too; otherwise a lost head is as likely, and it counts as loss.
   */
  adoptHighestAsCount(): void {
    const seq = this.sequence;
    if (seq && seq.highest > 0 && seq.distinct === seq.highest) this.adoptStreamCount(seq.highest);
  }

  /** Whether the reply ended before everything expected arrived (see EndReason 'short'). */
  endedShort(): boolean {
    if (this.expected === null || this.bytes >= this.expected) return false;
    if (this.init.proto === 'tcp') return true;
    // UDP: a numbered stream whose last segment (1) arrived reached its end; the gaps are loss.
    const seq = this.sequence;
    if (seq && seq.numbered > 0) return !seq.sawLast;
    return true;
  }

  /** Received segments of expected, when the stream is counted by sequence number. */
  segmentProgress(): { received: number; expected: number } | null {
    const seq = this.sequence;
    return seq && seq.numbered > 0 ? { received: seq.distinct, expected: seq.count } : null;
  }

  /** Streams whose every sequence number arrived, or any exchange whose expected bytes all arrived. */
  get complete(): boolean {
    if (this.sequence && this.sequence.numbered > 0) return this.sequence.complete;
    return this.expected !== null && this.bytes >= this.expected;
  }

  build(end: SummaryEnd): ExchangeSummary {
    const { init } = this;
    // Duration runs to the last payload byte, so a UDP idle-timeout wait is never part of it.
    const lastAt = this.lastPayloadAt ?? this.lastReplyAt;
    const durationMs = this.sentAt !== null && lastAt !== null ? Math.max(0, lastAt - this.sentAt) : 0;
    const segments = this.segmentCounts();
    return {
      exchange: init.exchange,
      endpoint: init.endpoint,
      role: 'client',
      proto: init.proto,
      command: init.command,
      request: init.request.trim(),
      expected: this.expected,
      bytes: this.bytes,
      lost: this.expected !== null ? Math.max(0, this.expected - this.bytes) : 0,
      durationMs,
      throughputBps: rateBytesPerSec(this.bytes, durationMs),
      reads: init.proto === 'tcp' ? this.reads : 0,
      datagrams: init.proto === 'udp' ? this.datagrams : 0,
      ...segments,
      prepareMs: this.preparedAt !== null && this.sentAt !== null ? this.preparedAt - this.sentAt : null,
      end: end.end,
      streamCap: this.streamCap(),
      reply: end.reply,
      error: end.error,
      local: end.local,
      remote: end.remote,
    };
  }

  private streamCap(): ExchangeSummary['streamCap'] {
    const stream = this.init.stream;
    const seq = this.sequence;
    if (!stream || !seq || seq.count >= stream.count) return null;
    return { sent: seq.count, requested: stream.count };
  }

  private segmentCounts(): Pick<
    ExchangeSummary,
    | 'segmentsExpected'
    | 'segmentsReceived'
    | 'missing'
    | 'missingSample'
    | 'missingRanges'
    | 'missingRangeCount'
    | 'outOfOrder'
    | 'duplicated'
  > {
    const stream = this.init.stream;
    if (!stream) {
      return {
        segmentsExpected: 0,
        segmentsReceived: 0,
        missing: 0,
        missingSample: [],
        outOfOrder: 0,
        duplicated: 0,
      };
    }
    const seq = this.sequence;
    if (seq && seq.numbered > 0) {
      const ranges = seq.missingRanges();
      return {
        segmentsExpected: seq.count,
        segmentsReceived: seq.distinct,
        missing: seq.missing,
        missingSample: seq.missingSample(),
        missingRanges: ranges.ranges,
        missingRangeCount: ranges.count,
        outOfOrder: seq.outOfOrder,
        duplicated: seq.duplicated,
      };
    }
    // No sequence numbers to go by: count whole segments by datagrams (UDP) or bytes (TCP).
    const received = this.init.proto === 'udp' ? this.datagrams : Math.floor(this.bytes / stream.size);
    const expected = seq ? seq.count : stream.count;
    return {
      segmentsExpected: expected,
      segmentsReceived: received,
      missing: Math.max(0, expected - received),
      missingSample: [],
      outOfOrder: 0,
      duplicated: 0,
    };
  }
}
