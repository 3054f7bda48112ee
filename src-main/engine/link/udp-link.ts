// The UDP link: one listening socket for every client; each client source address is a flow with
// its own socket towards the target and the conditions applied per direction.
import { createSocket } from 'node:dgram';
import type { RemoteInfo, Socket } from 'node:dgram';
import type { EndpointInfo } from '../../../src-shared/api.js';
import { LINK_UDP_MAX_FLOWS } from '../../../src-shared/link/limits.js';
import { toLabError } from '../errors.js';
import { resolveUdpBind, socketAddress } from '../server/addresses.js';
import type { UdpBind } from '../server/addresses.js';
import { LinkBase } from './link-base.js';
import type { LinkOptions } from './link-options.js';
import { LinkReporter } from './link-reporter.js';
import type { LinkScope } from './link-reporter.js';
import { LINK_UDP_BUFFER_BYTES, UdpFlow } from './udp-flow.js';

export class UdpLink extends LinkBase {
  private socket: Socket | null = null;
  private readonly flows = new Map<string, UdpFlow>();
  private to: UdpFlowTarget | null = null;
  private scope: LinkScope | null = null;
  private refusedFlows = false;

  constructor(opts: LinkOptions) {
    super(opts, 'udp');
  }

  async start(): Promise<EndpointInfo> {
    this.assertStartable();
    const { listenHost, listenPort, targetHost, targetPort } = this.opts.config;
    let socket: Socket;
    try {
      const to = await resolveUdpBind(targetHost === '' ? '127.0.0.1' : targetHost);
      this.to = { address: to.address, port: targetPort, ipv6: to.type === 'udp6' };
      const bind = await resolveUdpBind(listenHost);
      socket = await bindSocket(bind, listenPort).catch((err: NodeJS.ErrnoException) => {
        if (listenHost !== '' || err.code !== 'EAFNOSUPPORT') throw err;
        return bindSocket({ type: 'udp4', address: '0.0.0.0' }, listenPort);
      });
    } catch (err) {
      throw this.startFailed(err);
    }
    this.socket = socket;
    try {
      socket.setRecvBufferSize(LINK_UDP_BUFFER_BYTES);
      socket.setSendBufferSize(LINK_UDP_BUFFER_BYTES);
    } catch {
      // Keep the system defaults.
    }
    socket.on('error', (err) => this.emit('error', toLabError(err, this.local ?? undefined).message));
    socket.on('message', this.onMessage);
    const address = socket.address();
    const info = this.markListening(address.address, address.port);
    const c = this.opts.config.conditions;
    this.scope = {
      sink: this.opts.sink,
      endpoint: this.id,
      proto: 'udp',
      local: this.local ?? '',
      seed: c.seed,
      conditions: this.conditionsText,
    };
    return info;
  }

  protected async stop(): Promise<void> {
    await Promise.all([...this.flows.values()].map((f) => f.end('cancelled')));
    const socket = this.socket;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  private readonly onMessage = (payload: Buffer, peer: RemoteInfo): void => {
    if (this.state !== 'listening') return;
    const key = `${peer.address}|${peer.port}`;
    let flow = this.flows.get(key);
    if (flow === undefined) {
      flow = this.openFlow(key, peer);
      if (flow === undefined) return;
    }
    flow.fromClient(payload);
  };

  private openFlow(key: string, peer: RemoteInfo): UdpFlow | undefined {
    const socket = this.socket;
    if (!socket || !this.to || !this.scope) return undefined;
    if (this.flows.size >= LINK_UDP_MAX_FLOWS) {
      if (!this.refusedFlows) this.emit('error', `more than ${LINK_UDP_MAX_FLOWS} flows at once: new sources are ignored`);
      this.refusedFlows = true;
      return undefined;
    }
    const reporter = new LinkReporter(this.scope, socketAddress(peer.address, peer.port));
    const flow: UdpFlow = new UdpFlow({
      reporter,
      conditions: this.opts.config.conditions,
      now: () => this.opts.sink.now(),
      idleMs: this.opts.config.udpFlowIdleMs,
      target: this.to,
      toClient: (p) => socket.send(p, peer.port, peer.address),
      onEnd: () => {
        if (this.flows.get(key) === flow) this.flows.delete(key);
      },
    });
    this.flows.set(key, flow);
    reporter.event('accept', `flow from ${reporter.remote} → ${this.target}`);
    return flow;
  }
}

interface UdpFlowTarget {
  address: string;
  port: number;
  ipv6: boolean;
}

function bindSocket(bind: UdpBind, port: number): Promise<Socket> {
  const socket = createSocket({ type: bind.type, ipv6Only: false, reuseAddr: false });
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => {
      try {
        socket.close();
      } catch {
        // Never bound.
      }
      reject(err);
    };
    socket.once('error', onError);
    socket.bind({ port, address: bind.address, exclusive: true }, () => {
      socket.off('error', onError);
      resolve(socket);
    });
  });
}
