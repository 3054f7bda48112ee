// The TCP server: accepts connections and gives each its own TcpConnection, so a slow or vanished
// peer only ever waits on its own socket.
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import type { EndpointInfo } from '../../../src-shared/api.js';
import type { ServerOptions } from '../endpoint.js';
import { tcpBusyReply, tcpHostBusyReply } from '../../../src-shared/protocol/server-replies.js';
import { toLabError } from '../errors.js';
import { peerHost } from './addresses.js';
import { ServerBase } from './server-base.js';
import { TcpConnection } from './tcp-connection.js';
import { refuseConnection } from './tcp-refusal.js';

/**
 * Per-socket write queue before write() returns false: a few FILE_WRITE_CHUNK_BYTES writes, all
 * views of the one fill buffer, so the queue costs references, not copies.
 */
export const TCP_HIGH_WATER_MARK_BYTES = 4 * 1024 * 1024;

export class TcpServer extends ServerBase {
  private server: Server | null = null;
  private readonly connections = new Set<TcpConnection>();
  /** Open connections per peer IP address, for maxConnectionsPerHost. */
  private readonly perHost = new Map<string, number>();
  private readonly refusals = new Map<Socket, Promise<void>>();

  constructor(opts: ServerOptions) {
    super(opts, 'tcp');
  }

  async start(): Promise<EndpointInfo> {
    this.assertIdle();
    const { host, port } = this.opts.config;
    // allowHalfOpen: `nc -N` half-closes right after its request and must still get the reply.
    const server = createServer({
      allowHalfOpen: true,
      highWaterMark: TCP_HIGH_WATER_MARK_BYTES,
      noDelay: true,
    });
    this.server = server;
    server.on('connection', this.onConnection);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        // No host: Node listens on :: (dual stack) or, without IPv6, on 0.0.0.0.
        server.listen({ host: host === '' ? undefined : host, port, exclusive: true }, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      this.server = null;
      throw this.startFailed(err);
    }
    server.on('error', (err) => this.emit('error', toLabError(err, this.local ?? undefined).message));
    const address = server.address() as AddressInfo;
    return this.markListening(address.address, address.port);
  }

  protected async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const connection of this.connections) connection.cancel();
    for (const socket of this.refusals.keys()) socket.destroy();
    await Promise.all([closed, ...[...this.connections].map((c) => c.settled), ...this.refusals.values()]);
  }

  private readonly onConnection = (socket: Socket): void => {
    if (this.state !== 'listening') {
      socket.on('error', () => undefined);
      socket.destroy();
      return;
    }
    const scope = { sink: this.opts.sink, endpoint: this.id, config: this.opts.config };
    const { maxConnections, maxConnectionsPerHost } = this.opts.config;
    const host = peerHost(socket.remoteAddress);
    const fromHost = this.perHost.get(host) ?? 0;
    let refusal: string | null = null;
    if (this.connections.size >= maxConnections) refusal = tcpBusyReply(maxConnections);
    else if (fromHost >= maxConnectionsPerHost) refusal = tcpHostBusyReply(maxConnectionsPerHost);
    if (refusal !== null) {
      this.refusals.set(
        socket,
        refuseConnection(socket, refusal, scope).then(() => void this.refusals.delete(socket)),
      );
      return;
    }
    const connection = new TcpConnection(socket, scope);
    this.connections.add(connection);
    this.perHost.set(host, fromHost + 1);
    void connection.settled.then(() => {
      this.connections.delete(connection);
      const left = (this.perHost.get(host) ?? 1) - 1;
      if (left > 0) this.perHost.set(host, left);
      else this.perHost.delete(host);
    });
  };
}
