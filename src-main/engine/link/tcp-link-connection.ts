// One client connection through the TCP link: an upstream connection to the target per accepted
// socket, a TcpDirection each way, half-close passed on, errors and resets passed to the other
// side, and one summary when both sockets are closed.
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import type { EndReason } from '../../../src-shared/events.js';
import type { LinkConditions } from '../../../src-shared/link/conditions.js';
import { LINK_TCP_READ_BYTES } from '../../../src-shared/link/limits.js';
import { formatBytes } from '../../../src-shared/link/units.js';
import { toLabError } from '../errors.js';
import { socketAddress } from '../server/addresses.js';
import type { LinkReporter } from './link-reporter.js';
import { TcpDirection } from './tcp-direction.js';

export interface TcpLinkConnectionOptions {
  reporter: LinkReporter;
  conditions: LinkConditions;
  now: () => number;
  target: { host: string; port: number };
}

export class TcpLinkConnection {
  readonly settled: Promise<void>;
  private readonly upstreamSocket: Socket;
  private readonly up: TcpDirection;
  private readonly down: TcpDirection;
  private end: EndReason = 'fin';
  private error: { code: string; message: string } | null = null;

  constructor(
    private readonly client: Socket,
    private readonly o: TcpLinkConnectionOptions,
  ) {
    const { reporter, conditions: c, now, target } = o;
    // Nothing is read from the client until the target has accepted: the request waits in the kernel.
    client.pause();
    client.setNoDelay(true);
    // Reads from the server land in one big reused buffer (fewer, larger reads than the default
    // 64 KiB: the relay's cost is per read); each is copied out, as the queue may hold it.
    const readBuffer = Buffer.allocUnsafe(LINK_TCP_READ_BYTES);
    const server = connect({
      host: target.host,
      port: target.port,
      allowHalfOpen: true,
      noDelay: true,
      onread: {
        buffer: readBuffer,
        callback: (n: number, buf: Uint8Array): boolean => {
          this.down.onData(Buffer.from(buf.subarray(0, n)));
          return true;
        },
      },
    });
    server.pause();
    this.upstreamSocket = server;
    const hooks = {
      reset: () =>
        this.reset(`reset after ${formatBytes(c.upstream.resetAfterBytes || c.downstream.resetAfterBytes)}`),
    };
    this.up = new TcpDirection('upstream', c.upstream, c.seed, client, server, now, reporter, hooks);
    this.down = new TcpDirection('downstream', c.downstream, c.seed, server, client, now, reporter, hooks);
    const where = `${target.host}:${target.port}`;
    client.on('error', (err) => this.onError(err, 'client', server));
    server.on('error', (err) => this.onError(err, where, client));
    server.once('connect', () => {
      // "from A:P" last, as the UDP flow says it: the both-ends view matches the server's exchange by it.
      reporter.event('connect', `connected to ${where} from ${socketAddress(server.localAddress, server.localPort)}`);
      this.up.start();
      this.down.start();
      client.resume();
      server.resume();
    });
    const closed = (s: Socket): Promise<void> => new Promise((resolve) => s.once('close', () => resolve()));
    this.settled = Promise.all([closed(client), closed(server)]).then(() => {
      this.up.close();
      this.down.close();
      reporter.finish(this.error ? 'error' : this.end, this.up.counter, this.down.counter, this.error);
    });
  }

  /** The link is closing: both connections go now. */
  cancel(): void {
    if (this.end === 'fin') this.end = 'cancelled';
    this.client.destroy();
    this.upstreamSocket.destroy();
  }

  private reset(why: string): void {
    this.error ??= { code: 'CONNECTION_RESET', message: `The link reset both connections: ${why}.` };
    this.o.reporter.event('error', `${why}: both connections reset (RST)`);
    this.client.resetAndDestroy();
    this.upstreamSocket.resetAndDestroy();
  }

  /** An error on one side ends the other as abruptly: a reset is passed on as a reset. */
  private onError(err: Error, where: string, other: Socket): void {
    const failure = toLabError(err, where);
    this.error ??= failure.toInfo();
    this.o.reporter.event('error', `${where === 'client' ? 'client side' : where}: ${failure.message}`);
    if (other.destroyed) return;
    if (failure.code === 'CONNECTION_RESET' || failure.code === 'CONNECTION_REFUSED') other.resetAndDestroy();
    else other.destroy();
  }
}
