// What a worker can run: one entry per endpoint kind, each constructed with {id, config, sink}
// (and a client's route through its network-conditions link).
import type { ClientConfig, Command, EndpointInfo, ServerConfig } from '../../../src-shared/api.js';
import type { LinkConfig } from '../../../src-shared/link/conditions.js';
import type { ExchangeSummary } from '../../../src-shared/events.js';
import { TcpClient } from '../client/tcp-client.js';
import { UdpClient } from '../client/udp-client.js';
import type { EventSink } from '../event-sink.js';
import { TcpLink } from '../link/tcp-link.js';
import { UdpLink } from '../link/udp-link.js';
import { TcpServer } from '../server/tcp-server.js';
import { UdpServer } from '../server/udp-server.js';
import type { EndpointKind, WorkerInit } from './worker-protocol.js';

/** Servers and links have start(); clients have run() and cancel(). */
export interface WorkerEndpoint {
  info(): EndpointInfo;
  close(): Promise<void>;
  start?(): Promise<EndpointInfo>;
  run?(command: Command): Promise<ExchangeSummary>;
  cancel?(): void;
}

export interface EndpointArgs {
  id: string;
  config: WorkerInit['config'];
  sink: EventSink;
  via?: WorkerInit['via'];
}

export type EndpointFactory = (args: EndpointArgs) => WorkerEndpoint;

export const ENDPOINT_KINDS: Record<EndpointKind, EndpointFactory> = {
  'server:tcp': (a) => new TcpServer({ ...a, config: a.config as ServerConfig }),
  'server:udp': (a) => new UdpServer({ ...a, config: a.config as ServerConfig }),
  'client:tcp': (a) => new TcpClient({ ...a, config: a.config as ClientConfig }),
  'client:udp': (a) => new UdpClient({ ...a, config: a.config as ClientConfig }),
  'link:tcp': (a) => new TcpLink({ ...a, config: a.config as LinkConfig }),
  'link:udp': (a) => new UdpLink({ ...a, config: a.config as LinkConfig }),
};
