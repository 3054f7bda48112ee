import type { ClientConfig, Command, EndpointInfo, EndpointState } from '../../../src-shared/api.js';
import type { ExchangeSummary } from '../../../src-shared/events.js';
import { formatHostPort } from '../../../src-shared/hosts.js';
import type { Proto } from '../../../src-shared/protocol/limits.js';
import type { ClientEndpoint, ClientOptions } from '../endpoint.js';
import { LabError } from '../errors.js';
import type { EventSink } from '../event-sink.js';
import type { ClientExchange, ExchangeContext } from './client-exchange.js';
import { planRequest } from './request-plan.js';

/**
 * What TcpClient and UdpClient share: one exchange at a time (BUSY otherwise), cancel, and a
 * close() that is safe to call twice. States: open → busy → open … → closing → closed.
 */
export abstract class ClientEndpointBase implements ClientEndpoint {
  readonly id: string;
  /** What the exchanges connect to: the configured server, or the link in front of it. */
  protected readonly config: ClientConfig;
  private readonly given: ClientConfig;
  private readonly via: ClientOptions['via'];
  protected readonly sink: EventSink;
  protected abstract readonly proto: Proto;
  private state: EndpointState = 'open';
  private current: ClientExchange | null = null;
  /** The latest exchange, whose socket may still be closing after it ended. */
  private latest: ClientExchange | null = null;
  private lastLocal: string | null = null;
  private closing: Promise<void> | null = null;

  constructor(opts: ClientOptions) {
    this.id = opts.id;
    this.given = opts.config;
    this.via = opts.via;
    this.config = opts.via ? { ...opts.config, host: opts.via.host, port: opts.via.port } : opts.config;
    this.sink = opts.sink;
  }

  protected abstract createExchange(ctx: ExchangeContext): ClientExchange;

  info(): EndpointInfo {
    return {
      id: this.id,
      role: 'client',
      proto: this.proto,
      state: this.state,
      local: this.current?.localAddress || this.lastLocal,
      remote: formatHostPort(this.given.host, this.given.port),
      port: this.given.port,
      config: this.given,
      ...(this.via ? { link: this.via.link } : {}),
    };
  }

  async run(command: Command): Promise<ExchangeSummary> {
    if (this.closing) throw new LabError('BAD_ARGUMENT', `Client ${this.id} is closed.`);
    if (this.current) {
      throw new LabError(
        'BUSY',
        `Client ${this.id} is busy with exchange ${this.current.id}: wait for it to end or cancel it.`,
      );
    }
    const exchange = this.createExchange({
      endpoint: this.id,
      proto: this.proto,
      config: this.config,
      sink: this.sink,
      exchange: this.sink.newExchangeId(),
      plan: planRequest(command, this.proto),
      conditions: this.via?.conditions ?? null,
    });
    this.current = exchange;
    this.latest = exchange;
    this.state = 'busy';
    exchange.start();
    try {
      return await exchange.summary;
    } finally {
      this.lastLocal = exchange.localAddress || this.lastLocal;
      this.current = null;
      if (this.state === 'busy') this.state = 'open';
    }
  }

  cancel(): void {
    this.current?.cancel();
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    this.state = 'closing';
    this.current?.cancel();
    await this.latest?.closed();
    this.state = 'closed';
  }
}
