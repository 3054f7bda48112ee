import type { ClientConfig } from '../../../src-shared/api.js';
import { shortEndSentence } from '../../../src-shared/endings.js';
import type { EndReason, EventKind, ExchangeSummary } from '../../../src-shared/events.js';
import { describeSummary } from '../../../src-shared/format/summary.js';
import { formatHostPort } from '../../../src-shared/hosts.js';
import type { Proto } from '../../../src-shared/protocol/limits.js';
import { WireTally } from '../../../src-shared/wire/wire-size.js';
import { LabError, toLabError } from '../errors.js';
import type { EventSink } from '../event-sink.js';
import { ExchangeStats } from './exchange-stats.js';
import type { RequestPlan } from './request-plan.js';
import { resolveHost, type ResolvedHost } from './resolve-host.js';

export interface ExchangeContext {
  endpoint: string;
  proto: Proto;
  config: ClientConfig;
  sink: EventSink;
  exchange: string;
  plan: RequestPlan;
  /** The network conditions the exchange goes through, in words; null = a direct connection. */
  conditions?: string | null;
}

/**
 * One request and its reply, from resolving the host to the summary. Subclasses (TCP, UDP) own
 * the socket; this base owns the bookkeeping every exchange shares: events, timers, ending once.
 */
export abstract class ClientExchange {
  readonly summary: Promise<ExchangeSummary>;
  readonly id: string;
  protected readonly stats: ExchangeStats;
  protected readonly sink: EventSink;
  protected readonly config: ClientConfig;
  protected readonly plan: RequestPlan;
  protected local = '';
  protected readonly remote: string;
  private ended = false;
  private closedPromise: Promise<void> = Promise.resolve();
  private settle!: (summary: ExchangeSummary) => void;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** On-wire estimate of everything received (payload and reply lines), from the first rx. */
  private wire: WireTally | null = null;

  constructor(private readonly ctx: ExchangeContext) {
    this.id = ctx.exchange;
    this.sink = ctx.sink;
    this.config = ctx.config;
    this.plan = ctx.plan;
    this.remote = formatHostPort(ctx.config.host, ctx.config.port);
    const { plan } = ctx;
    const stream = plan.stream;
    this.stats = new ExchangeStats({
      exchange: ctx.exchange,
      endpoint: ctx.endpoint,
      proto: ctx.proto,
      command: plan.kind,
      request: plan.text,
      expected: plan.expected,
      stream,
      // A segment shorter than the count's digits carries a truncated number (PROTOCOL.md §3).
      trackSequence: stream !== null && stream.size >= String(stream.count).length,
    });
    this.summary = new Promise((resolve) => {
      this.settle = resolve;
    });
  }

  /** Resolves, connects and sends; every failure ends the exchange with a summary, never a throw. */
  start(): void {
    resolveHost(this.config.host).then(
      (resolved) => {
        if (!this.ended) this.open(resolved);
      },
      (err: unknown) => this.fail(err),
    );
  }

  /** Opens the socket to the resolved address and sends the request. */
  protected abstract open(resolved: ResolvedHost): void;

  /** Closes the exchange's socket; resolves once it is closed. */
  protected abstract teardown(): Promise<void>;

  get isEnded(): boolean {
    return this.ended;
  }

  get localAddress(): string {
    return this.local;
  }

  /** Resolves when the socket is closed, after the exchange ended. */
  closed(): Promise<void> {
    return this.closedPromise;
  }

  cancel(): void {
    if (this.ended) return;
    this.emit('end', null, null, 'cancelled by the user');
    this.finish('cancelled', null);
  }

  protected emit(
    kind: EventKind,
    bytes: number | null = null,
    segment: number | null = null,
    detail = '',
  ): void {
    let wire: number | undefined;
    if (kind === 'rx' && bytes !== null) {
      this.wire ??= new WireTally(this.ctx.proto, this.local || this.remote, this.config.mtuBytes);
      wire = this.wire.add(bytes);
    }
    this.sink.emit({
      endpoint: this.ctx.endpoint,
      role: 'client',
      proto: this.ctx.proto,
      kind,
      exchange: this.id,
      command: this.plan.kind,
      local: this.local,
      remote: this.remote,
      bytes,
      segment,
      detail,
      wire,
    });
  }

  /** Ends the exchange on a socket or resolver error, with an 'error' event first. */
  protected fail(err: unknown): void {
    if (this.ended) return;
    const labError = toLabError(err, this.remote);
    this.emit('error', null, null, labError.message);
    this.finish('error', labError);
  }

  /** Ends the exchange on a server's error line (bad request), keeping its text as the reply. */
  protected failWithReply(reply: string): void {
    const message = reply === '' ? 'The server closed without a reply.' : `The server answered: ${reply}`;
    const labError = new LabError('BAD_REQUEST', message);
    this.emit('error', null, null, message);
    this.finish('error', labError, reply);
  }

  protected finish(endGiven: EndReason, errorGiven: LabError | null, reply: string | null = null): void {
    if (this.ended) return;
    let end = endGiven;
    let error = errorGiven;
    // A reply that ended by its own end of transmission (FIN, UDP silence) before its expected
    // bytes is cut short, never a quiet success.
    if (error === null && (end === 'fin' || end === 'idle-timeout')) {
      if (this.ctx.proto === 'udp') this.stats.adoptHighestAsCount();
      if (this.stats.endedShort()) {
        const sentence = shortEndSentence({
          proto: this.ctx.proto,
          bytes: this.stats.bytes,
          expected: this.stats.expected!,
          idleTimeoutMs: this.ctx.proto === 'udp' ? this.config.idleTimeoutMs : undefined,
          segments: this.stats.segmentProgress(),
        });
        this.emit('error', null, null, sentence);
        end = 'short';
        error = new LabError('CUT_SHORT', sentence);
      }
    }
    this.ended = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.closedPromise = this.teardown().catch(() => undefined);
    const summary = this.stats.build({
      end,
      error: error ? error.toInfo() : null,
      reply,
      local: this.local,
      remote: this.remote,
    });
    if (this.ctx.conditions) summary.conditions = this.ctx.conditions;
    const wire = (this.wire ?? new WireTally(this.ctx.proto, this.local || this.remote, this.config.mtuBytes)).fields();
    summary.wireBytes = wire.wireBytes;
    // Payload ÷ wire: the reply lines (file_prepared, an error) cost wire bytes but carry no payload.
    summary.efficiency = wire.wireBytes > 0 ? Math.round((summary.bytes / wire.wireBytes) * 1e4) / 1e4 : 0;
    if (wire.fragments !== undefined) summary.fragments = wire.fragments;
    summary.mtuBytes = wire.mtuBytes;
    this.sink.emit({
      endpoint: this.ctx.endpoint,
      role: 'client',
      proto: this.ctx.proto,
      kind: 'summary',
      exchange: this.id,
      command: this.plan.kind,
      local: this.local,
      remote: this.remote,
      bytes: summary.bytes,
      // The conditions (and their seed) in the detail, so the CSV row says what the link did to it.
      detail: summary.conditions
        ? `${describeSummary(summary)} — through ${summary.conditions}`
        : describeSummary(summary),
      summary,
    });
    this.settle(summary);
  }

  /** A timer that ends with the exchange. */
  protected timer(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.ended) fn();
    }, ms);
    this.timers.add(t);
    return t;
  }

  protected clearTimer(t: NodeJS.Timeout | null): void {
    if (t === null) return;
    clearTimeout(t);
    this.timers.delete(t);
  }

  protected requestDetail(): string {
    const { plan } = this;
    const what =
      plan.kind === 'file'
        ? `file of ${plan.expected} chars`
        : plan.kind === 'stream' && plan.stream
          ? `stream of ${plan.stream.count} × ${plan.stream.size} bytes`
          : plan.kind === 'echo'
            ? 'echo'
            : plan.kind === 'bad'
              ? 'a request the server will refuse'
              : 'an empty request (no reply expected)';
    return `"${plan.text}" + "\\n": ${what}`;
  }
}
