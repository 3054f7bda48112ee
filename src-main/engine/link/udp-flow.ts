// One UDP flow: the datagrams of one client source address. It has its own socket towards the
// target, so the server sees one source port per client flow and its replies find their way back
// to the right client. A flow ends after LINK_UDP_FLOW_IDLE_MS without a datagram either way.
import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import type { EndReason } from '../../../src-shared/events.js';
import type { LinkConditions } from '../../../src-shared/link/conditions.js';
import { toLabError } from '../errors.js';
import { socketAddress } from '../server/addresses.js';
import type { LinkReporter } from './link-reporter.js';
import { UdpDirection } from './udp-direction.js';

/** As the UDP server asks: room for bursts, so the link itself is not where datagrams vanish. */
export const LINK_UDP_BUFFER_BYTES = 4 * 1024 * 1024;

export interface UdpFlowOptions {
  reporter: LinkReporter;
  conditions: LinkConditions;
  now: () => number;
  idleMs: number;
  target: { address: string; port: number; ipv6: boolean };
  /** Sends a datagram back to this flow's client through the link's listening socket. */
  toClient: (payload: Buffer) => void;
  onEnd: () => void;
}

export class UdpFlow {
  readonly upstream: UdpDirection;
  readonly downstream: UdpDirection;
  private readonly socket: Socket;
  private lastActivity: number;
  private idleTimer: NodeJS.Timeout | null = null;
  private ended = false;
  private error: { code: string; message: string } | null = null;

  constructor(private readonly o: UdpFlowOptions) {
    const { conditions: c, target, now, reporter } = o;
    this.lastActivity = now();
    this.socket = createSocket({ type: target.ipv6 ? 'udp6' : 'udp4' });
    this.socket.on('error', (err) => {
      const failure = toLabError(err, `${target.address}:${target.port}`);
      this.error ??= failure.toInfo();
      reporter.event('error', `upstream socket: ${failure.message}`);
    });
    this.socket.on('message', (payload) => {
      this.touch();
      this.downstream.submit(payload);
    });
    this.socket.on('listening', () => {
      // The server sees this address as the client's: said so the both-ends view can match them.
      const bound = this.socket.address();
      // An unbound socket's address is 0.0.0.0 / ::; the kernel picks the source per packet.
      const from = /^(?:0\.0\.0\.0|::)$/.test(bound.address) ? `port ${bound.port}` : socketAddress(bound.address, bound.port);
      reporter.event('connect', `upstream socket to ${socketAddress(target.address, target.port)} from ${from}`);
      try {
        this.socket.setRecvBufferSize(LINK_UDP_BUFFER_BYTES);
        this.socket.setSendBufferSize(LINK_UDP_BUFFER_BYTES);
      } catch {
        // Keep the system defaults.
      }
    });
    // The socket binds an ephemeral port on its first send; no need to wait for a bind.
    this.upstream = new UdpDirection('upstream', c.upstream, c.seed, target.ipv6, now, reporter, (p) =>
      this.socket.send(p, target.port, target.address),
    );
    this.downstream = new UdpDirection(
      'downstream',
      c.downstream,
      c.seed,
      target.ipv6,
      now,
      reporter,
      o.toClient,
    );
    this.armIdle(o.idleMs);
  }

  /** A datagram from the client. */
  fromClient(payload: Buffer): void {
    if (this.ended) return;
    this.touch();
    this.o.reporter.noteRequest(payload);
    this.upstream.submit(payload);
  }

  /** Ends the flow now with its summary (idle expiry, or the link closing). */
  end(reason: EndReason): Promise<void> {
    if (this.ended) return Promise.resolve();
    this.ended = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.upstream.close();
    this.downstream.close();
    this.o.reporter.finish(
      this.error ? 'error' : reason,
      this.upstream.counter,
      this.downstream.counter,
      this.error,
    );
    this.o.onEnd();
    return new Promise((resolve) => {
      try {
        this.socket.close(() => resolve());
      } catch {
        resolve();
      }
    });
  }

  private touch(): void {
    this.lastActivity = this.o.now();
  }

  /** One timer per flow, re-armed for the remaining time, not one per datagram. */
  private armIdle(ms: number): void {
    this.idleTimer = setTimeout(() => {
      const quiet = this.o.now() - this.lastActivity;
      const inFlight = !this.upstream.idle || !this.downstream.idle;
      if (quiet >= this.o.idleMs && !inFlight) void this.end('idle-timeout');
      else this.armIdle(Math.max(1, this.o.idleMs - quiet));
    }, ms);
  }
}
