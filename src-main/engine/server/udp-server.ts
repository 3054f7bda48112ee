// The UDP server: one datagram = one request, replies go to the request's source address, and each
// request's transfer runs on its own, so several peers are served at once.
import { createSocket } from 'node:dgram';
import type { RemoteInfo, Socket } from 'node:dgram';
import type { EndpointInfo } from '../../../src-shared/api.js';
import type { ServerOptions } from '../endpoint.js';
import { toLabError } from '../errors.js';
import { peerHost, resolveUdpBind, socketAddress } from './addresses.js';
import type { UdpBind } from './addresses.js';
import { ExchangeReporter } from './exchange-reporter.js';
import type { PlannedRequest } from './reply-plan.js';
import { planRequest, refusedPlan } from './reply-plan.js';
import { sendReply } from './reply-runner.js';
import type { SendBudget } from './send-budget.js';
import { ServerBase } from './server-base.js';
import { UdpAdmission } from './udp-admission.js';
import { UdpPayloadWriter } from './udp-writer.js';

/** Asked for; Linux caps it at net.core.wmem_max (4 MiB here) and doubles it for bookkeeping. */
export const UDP_SEND_BUFFER_BYTES = 4 * 1024 * 1024;
/** Requests are small, but many peers may ask at once. */
export const UDP_RECV_BUFFER_BYTES = 1024 * 1024;

interface Transfer {
  abort: AbortController;
  done: Promise<void>;
}

export class UdpServer extends ServerBase {
  private socket: Socket | null = null;
  private readonly transfers = new Set<Transfer>();
  private readonly admission: UdpAdmission;

  constructor(opts: ServerOptions) {
    super(opts, 'udp');
    this.admission = new UdpAdmission(opts.config);
  }

  async start(): Promise<EndpointInfo> {
    this.assertIdle();
    const { host, port } = this.opts.config;
    let socket: Socket;
    try {
      const bind = await resolveUdpBind(host);
      socket = await bindSocket(bind, port).catch((err: NodeJS.ErrnoException) => {
        // All interfaces on a machine without IPv6: fall back to IPv4 only.
        if (host !== '' || err.code !== 'EAFNOSUPPORT') throw err;
        return bindSocket({ type: 'udp4', address: '0.0.0.0' }, port);
      });
    } catch (err) {
      throw this.startFailed(err);
    }
    this.socket = socket;
    setBufferSizes(socket);
    socket.on('error', (err) => this.emit('error', toLabError(err, this.local ?? undefined).message));
    socket.on('message', this.onMessage);
    const address = socket.address();
    return this.markListening(address.address, address.port);
  }

  protected async stop(): Promise<void> {
    for (const transfer of this.transfers) transfer.abort.abort();
    await Promise.all([...this.transfers].map((t) => t.done));
    const socket = this.socket;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  private readonly onMessage = (message: Buffer, peer: RemoteInfo): void => {
    const socket = this.socket;
    if (this.state !== 'listening' || !socket) return;
    const sink = this.opts.sink;
    const remote = socketAddress(peer.address, peer.port);
    const reporter = new ExchangeReporter({
      sink,
      endpoint: this.id,
      proto: 'udp',
      exchange: sink.newExchangeId(),
      local: this.local ?? '',
      remote,
    });
    const host = peerHost(peer.address);
    let planned = planRequest(message, 'udp', this.opts.config);
    let budgets: readonly SendBudget[] = [];
    let release = (): void => undefined;
    if (planned.plan.kind === 'file' || planned.plan.kind === 'stream') {
      const admitted = this.admission.begin(host);
      if (admitted.ok) ({ budgets, end: release } = admitted);
      else {
        const wire = Buffer.from(admitted.line, 'latin1').subarray(0, message.length);
        planned = refusedPlan(planned.detail, planned.text, admitted.line, wire);
      }
    }
    reporter.request(planned, message.length);
    if (planned.plan.kind === 'text' && !this.admission.mayReply(host, planned.plan.bytes.length, message.length)) {
      // A reply bigger than its request, to a source (or server) whose budget is spent: dropped.
      const why = `reply to ${remote} not sent: the send budget is spent (docs/protocol.md §8)`;
      reporter.finish('error', why, { code: 'BUSY', message: why });
      return;
    }
    const abort = new AbortController();
    const writer = new UdpPayloadWriter(
      socket,
      peer.port,
      peer.address,
      abort.signal,
      remote,
      this.opts.config.udpRateBytesPerSec,
      budgets,
      (budget) => reporter.event('delay', { detail: `paced: ${budget} is in use; this transfer shares it` }),
    );
    const transfer: Transfer = { abort, done: Promise.resolve() };
    this.transfers.add(transfer);
    transfer.done = this.serve(planned, reporter, writer, abort.signal).finally(() => {
      release();
      this.transfers.delete(transfer);
    });
  };

  private async serve(
    planned: PlannedRequest,
    reporter: ExchangeReporter,
    writer: UdpPayloadWriter,
    signal: AbortSignal,
  ): Promise<void> {
    const ctx = { writer, reporter, fileChunkBytes: this.opts.config.chunkBytes, signal };
    const end = await sendReply(planned.plan, ctx).catch(() => 'error' as const);
    if (end === 'done') {
      const what = planned.plan.kind === 'none' ? 'empty request: no reply' : 'reply complete';
      reporter.finish('done', what);
    } else if (end === 'cancelled') {
      reporter.finish('cancelled', 'cancelled: server closing');
    } else {
      const failure = writer.failure ?? toLabError(new Error('send failed'), reporter.scope.remote);
      const progress = `${reporter.sentBytes} of ${planned.expected} bytes`;
      reporter.finish(
        'error',
        `sending to ${reporter.scope.remote} failed after ${progress}: ${failure.message}`,
        failure.toInfo(),
      );
    }
  }
}

function bindSocket(bind: UdpBind, port: number): Promise<Socket> {
  // ipv6Only false: an all-interfaces IPv6 socket also serves IPv4 peers (as ::ffff:a.b.c.d).
  const socket = createSocket({ type: bind.type, ipv6Only: false, reuseAddr: false });
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => {
      try {
        socket.close();
      } catch {
        // Never bound, nothing to release.
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

/** Best effort: the kernel may cap the sizes, and a failure here is no reason not to serve. */
function setBufferSizes(socket: Socket): void {
  try {
    socket.setSendBufferSize(UDP_SEND_BUFFER_BYTES);
    socket.setRecvBufferSize(UDP_RECV_BUFFER_BYTES);
  } catch {
    // Keep the system defaults.
  }
}
