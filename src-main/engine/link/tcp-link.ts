// The TCP link: accepts clients and gives each a TcpLinkConnection towards the target.
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import type { EndpointInfo } from '../../../src-shared/api.js';
import { LINK_TCP_HIGH_WATER_MARK_BYTES } from '../../../src-shared/link/limits.js';
import { toLabError } from '../errors.js';
import { socketAddress } from '../server/addresses.js';
import { LinkBase } from './link-base.js';
import type { LinkOptions } from './link-options.js';
import { LinkReporter } from './link-reporter.js';
import type { LinkScope } from './link-reporter.js';
import { TcpLinkConnection } from './tcp-link-connection.js';

export class TcpLink extends LinkBase {
  private server: Server | null = null;
  private readonly connections = new Set<TcpLinkConnection>();
  private scope: LinkScope | null = null;

  constructor(opts: LinkOptions) {
    super(opts, 'tcp');
  }

  async start(): Promise<EndpointInfo> {
    this.assertStartable();
    const { listenHost, listenPort } = this.opts.config;
    // allowHalfOpen: a client's half-close is passed on to the server, which still replies.
    const server = createServer({ allowHalfOpen: true, noDelay: true, highWaterMark: LINK_TCP_HIGH_WATER_MARK_BYTES });
    this.server = server;
    server.on('connection', this.onConnection);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: listenHost === '' ? undefined : listenHost, port: listenPort, exclusive: true }, () => {
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
    const info = this.markListening(address.address, address.port);
    this.scope = {
      sink: this.opts.sink,
      endpoint: this.id,
      proto: 'tcp',
      local: this.local ?? '',
      seed: this.opts.config.conditions.seed,
      conditions: this.conditionsText,
    };
    return info;
  }

  protected async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const connection of this.connections) connection.cancel();
    await Promise.all([closed, ...[...this.connections].map((c) => c.settled)]);
  }

  private readonly onConnection = (socket: Socket): void => {
    if (this.state !== 'listening' || !this.scope) {
      socket.on('error', () => undefined);
      socket.destroy();
      return;
    }
    const reporter = new LinkReporter(this.scope, socketAddress(socket.remoteAddress, socket.remotePort));
    reporter.event('accept', `connection from ${reporter.remote} → ${this.target}`);
    const { targetHost, targetPort } = this.opts.config;
    const connection = new TcpLinkConnection(socket, {
      reporter,
      conditions: this.opts.config.conditions,
      now: () => this.opts.sink.now(),
      target: { host: targetHost, port: targetPort },
    });
    this.connections.add(connection);
    void connection.settled.then(() => this.connections.delete(connection));
  };
}
