import type { ClientConfig, Command, EndpointInfo, ServerConfig } from '../../src-shared/api.js';
import type { ExchangeSummary } from '../../src-shared/events.js';
import type { EventSink } from './event-sink.js';

/** A server: TcpServer or UdpServer. close() is safe to call twice. */
export interface ServerEndpoint {
  readonly id: string;
  /** Binds and listens; rejects with a LabError (ADDR_IN_USE, ADDR_NOT_AVAILABLE, …). */
  start(): Promise<EndpointInfo>;
  info(): EndpointInfo;
  close(): Promise<void>;
}

/** A client: TcpClient or UdpClient. One exchange at a time (BUSY otherwise). */
export interface ClientEndpoint {
  readonly id: string;
  info(): EndpointInfo;
  /** Runs one exchange to its end; resolves with its summary, also when it ends in error or timeout. */
  run(command: Command): Promise<ExchangeSummary>;
  /** Cancels the running exchange (its summary ends 'cancelled'); no-op when idle. */
  cancel(): void;
  close(): Promise<void>;
}

export interface ServerOptions {
  id: string;
  config: ServerConfig;
  sink: EventSink;
}

export interface ClientOptions {
  id: string;
  config: ClientConfig;
  sink: EventSink;
  /** Network conditions: the client connects to this link instead of config.host:port. */
  via?: ClientRoute;
}

export interface ClientRoute {
  /** The link's id and listening address. */
  link: string;
  host: string;
  port: number;
  /** describeConditions() of the link, put on every summary. */
  conditions: string;
}
