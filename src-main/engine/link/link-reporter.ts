// Events of one link exchange (a UDP flow or a TCP connection): drop / dup / delay as they happen,
// and one summary at the end with what the link did per direction, the conditions and the seed.
// remote = the client's address and local = the link's, so the UI matches them to the client's exchange.
import type { EndReason, ExchangeSummary, LabEvent } from '../../../src-shared/events.js';
import { describeLinkStats } from '../../../src-shared/link/describe.js';
import type { DirectionCounter } from '../../../src-shared/link/stats.js';
import type { Proto } from '../../../src-shared/protocol/limits.js';
import type { EventSink } from '../event-sink.js';

export interface LinkScope {
  sink: EventSink;
  endpoint: string;
  proto: Proto;
  local: string;
  seed: number;
  conditions: string;
}

export type LinkEventKind = Extract<LabEvent['kind'], 'drop' | 'dup' | 'delay' | 'accept' | 'connect' | 'error'>;

export class LinkReporter {
  readonly exchange: string;
  readonly startedAt: number;
  private request = '';

  constructor(
    private readonly scope: LinkScope,
    readonly remote: string,
  ) {
    this.exchange = scope.sink.newExchangeId();
    this.startedAt = scope.sink.now();
  }

  /** The first bytes the client sent (its request), shown in the summary. */
  noteRequest(payload: Uint8Array): void {
    if (this.request !== '') return;
    this.request = Buffer.from(payload.subarray(0, 1024)).toString('utf8').trim();
  }

  event(kind: LinkEventKind, detail: string, bytes: number | null = null, segment: number | null = null): void {
    const s = this.scope;
    s.sink.emit({
      endpoint: s.endpoint,
      role: 'link',
      proto: s.proto,
      kind,
      exchange: this.exchange,
      local: s.local,
      remote: this.remote,
      bytes,
      segment,
      detail,
    });
  }

  finish(
    end: EndReason,
    up: DirectionCounter,
    down: DirectionCounter,
    error: { code: string; message: string } | null = null,
  ): ExchangeSummary {
    const s = this.scope;
    const durationMs = s.sink.now() - this.startedAt;
    const link = { seed: s.seed, conditions: s.conditions, upstream: up.toStats(), downstream: down.toStats() };
    const bytes = link.downstream.bytesOut;
    const summary: ExchangeSummary = {
      exchange: this.exchange,
      endpoint: s.endpoint,
      role: 'link',
      proto: s.proto,
      command: null,
      request: this.request,
      expected: null,
      bytes,
      lost: 0,
      durationMs,
      throughputBps: durationMs > 0 ? (bytes * 1000) / durationMs : 0,
      reads: s.proto === 'tcp' ? link.downstream.packetsOut : 0,
      datagrams: s.proto === 'udp' ? link.downstream.packetsOut : 0,
      segmentsExpected: 0,
      segmentsReceived: 0,
      missing: 0,
      missingSample: [],
      outOfOrder: link.upstream.reordered + link.downstream.reordered,
      duplicated: link.upstream.duplicated + link.downstream.duplicated,
      prepareMs: null,
      end,
      reply: null,
      error,
      local: s.local,
      remote: this.remote,
      conditions: s.conditions,
      link,
    };
    s.sink.emit({
      endpoint: s.endpoint,
      role: 'link',
      proto: s.proto,
      kind: 'summary',
      exchange: this.exchange,
      local: s.local,
      remote: this.remote,
      bytes,
      detail: describeLinkStats(link, s.proto),
      summary,
    });
    return summary;
  }
}
