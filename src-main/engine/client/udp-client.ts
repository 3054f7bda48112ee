import dgram from 'node:dgram';
import { formatDuration } from '../../../src-shared/format/numbers.js';
import { formatHostPort } from '../../../src-shared/hosts.js';
import { FILE_FILL_BYTE } from '../../../src-shared/protocol/limits.js';
import { parseSegmentSequence } from '../../../src-shared/protocol/stream-segment.js';
import type { ClientEndpoint } from '../endpoint.js';
import { LabError } from '../errors.js';
import { ClientEndpointBase } from './client-endpoint-base.js';
import { ClientExchange, type ExchangeContext } from './client-exchange.js';
import { isPreparedMarker, looksLikeStreamPayload } from './prepared-splitter.js';
import { ReplyText } from './reply-text.js';
import type { ResolvedHost } from './resolve-host.js';

/** Smallest size tried when the kernel refuses larger ones (e.g. macOS kern.ipc.maxsockbuf). */
const UDP_RECV_BUFFER_FLOOR_BYTES = 256 * 1024;
/** A re-armed idle timer closer than this to its deadline counts as expired (timer granularity). */
const TIMER_SLACK_MS = 1;

/**
 * A UDP client: one socket per exchange, connected to the server, so ICMP "port unreachable"
 * surfaces as CONNECTION_REFUSED and late datagrams of an earlier exchange never leak into the next.
 */
export class UdpClient extends ClientEndpointBase implements ClientEndpoint {
  protected readonly proto = 'udp' as const;

  protected createExchange(ctx: ExchangeContext): ClientExchange {
    return new UdpExchange(ctx);
  }
}

class UdpExchange extends ClientExchange {
  private socket: dgram.Socket | null = null;
  private readonly reply = new ReplyText();
  /** File requests wait for `file_prepared` (its own timeout) before the idle timeout applies. */
  private prepared: boolean;
  private prepareTimer: NodeJS.Timeout | null = null;
  private idleWatching = false;
  private lastActivityAt = 0;
  private received = 0;

  constructor(ctx: ExchangeContext) {
    super(ctx);
    this.prepared = ctx.plan.kind !== 'file';
  }

  protected teardown(): Promise<void> {
    const socket = this.socket;
    if (!socket) return Promise.resolve();
    this.socket = null;
    return new Promise((resolve) => {
      try {
        socket.close(() => resolve());
      } catch {
        resolve(); // already closed
      }
    });
  }

  protected open(resolved: ResolvedHost): void {
    const socket = dgram.createSocket({ type: resolved.family === 6 ? 'udp6' : 'udp4' });
    this.socket = socket;
    socket.on('error', (err) => this.onSocketError(err));
    socket.on('message', this.onMessage);
    socket.connect(this.config.port, resolved.address, (err?: Error) => {
      if (err) this.onSocketError(err);
      else if (!this.isEnded) this.onConnected(socket);
    });
  }

  private onConnected(socket: dgram.Socket): void {
    const local = socket.address();
    this.local = formatHostPort(local.address, local.port);
    const granted = setReceiveBuffer(socket, this.config.udpReceiveBufferBytes);
    this.emit('connect', null, null, `UDP socket ${this.local} → ${this.remote}; ${granted}`);
    socket.send(this.plan.wire, (err) => {
      if (err) this.onSocketError(err);
    });
    const now = this.sink.now();
    this.stats.requestSent(now);
    this.lastActivityAt = now;
    this.emit('request', this.plan.wire.length, null, this.requestDetail());
    if (this.prepared) this.watchIdle();
    else {
      const ms = this.config.prepareTimeoutMs;
      this.prepareTimer = this.timer(ms, () => {
        const message = `No file_prepared within ${ms} ms.`;
        this.emit('timeout', null, null, message);
        this.finish('prepare-timeout', new LabError('TIMEOUT', message));
      });
    }
  }

  // One call per datagram, up to ~110,000 a transfer: only counters and one event, no other allocation.
  private readonly onMessage = (msg: Buffer): void => {
    if (this.isEnded) return;
    const now = this.sink.now();
    this.lastActivityAt = now;
    this.received++;
    switch (this.plan.kind) {
      case 'file':
        return this.onFileDatagram(msg, now);
      case 'stream':
        return this.onStreamDatagram(msg, now);
      case 'bad':
        return this.onReplyDatagram(msg, now);
      default:
        // Echo (or anything arriving for an empty request): one datagram is the whole reply.
        this.reply.push(msg);
        this.payload(msg, now, null);
        return this.finish('done', null, this.reply.text());
    }
  };

  private onFileDatagram(msg: Buffer, now: number): void {
    if (!this.prepared) {
      if (isPreparedMarker(msg)) return this.onPrepared(now, 'file_prepared');
      // A datagram that is neither marker nor fill is the server's error line.
      if (msg[0] !== FILE_FILL_BYTE) return this.onReplyDatagram(msg, now);
      this.onPrepared(now, 'payload before file_prepared: the marker was lost or overtaken');
    } else if (isPreparedMarker(msg)) {
      // Payload is all 'A', so a marker datagram is never payload: it came late or twice.
      return this.emit('rx', msg.length, null, 'file_prepared again (late or duplicated), not payload');
    }
    this.payload(msg, now, null);
    if (this.stats.complete) this.finish('done', null);
  }

  private onStreamDatagram(msg: Buffer, now: number): void {
    if (this.stats.datagrams === 0 && !looksLikeStreamPayload(msg[0])) return this.onReplyDatagram(msg, now);
    const tracker = this.stats.sequence;
    let sequence: number | null = null;
    if (tracker) {
      sequence = parseSegmentSequence(msg);
      tracker.note(sequence);
    }
    this.payload(msg, now, sequence);
    // All segments in: no need to sit out the idle timeout.
    if (this.stats.complete) this.finish('done', null);
  }

  private onReplyDatagram(msg: Buffer, now: number): void {
    this.reply.push(msg);
    this.stats.replyReceived(now);
    this.emit('rx', msg.length, null, 'reply text');
    this.failWithReply(this.reply.text());
  }

  private payload(msg: Buffer, now: number, segment: number | null): void {
    this.stats.datagrams++;
    this.stats.payload(msg.length, now);
    this.emit('rx', msg.length, segment);
  }

  private onPrepared(now: number, detail: string): void {
    this.prepared = true;
    this.clearTimer(this.prepareTimer);
    const prepareMs = this.stats.prepared(now);
    this.emit('prepared', null, null, `${detail} after ${formatDuration(prepareMs)}`);
    this.watchIdle();
  }

  /**
   * End of transmission is `idleTimeoutMs` without a datagram. Datagrams only stamp
   * lastActivityAt; the timer re-arms itself for the time left, so the hot path never
   * touches a timer.
   */
  private watchIdle(): void {
    if (this.idleWatching) return;
    this.idleWatching = true;
    const idleMs = this.config.idleTimeoutMs;
    const check = (): void => {
      const left = this.lastActivityAt + idleMs - this.sink.now();
      if (left > TIMER_SLACK_MS) {
        this.timer(Math.ceil(left), check);
        return;
      }
      const message = `No datagram for ${idleMs} ms: end of transmission.`;
      this.emit('timeout', null, null, message);
      // Silence is how every UDP exchange ends; it is an error only when no reply came at all.
      const noReply = this.received === 0 && this.plan.kind !== null;
      const error = noReply
        ? new LabError('TIMEOUT', `No reply from ${this.remote} within ${idleMs} ms.`)
        : null;
      this.finish('idle-timeout', error);
    };
    this.timer(idleMs, check);
  }

  private onSocketError(err: Error): void {
    if ((err as NodeJS.ErrnoException).code === 'ECONNREFUSED') {
      return this.fail(
        new LabError(
          'CONNECTION_REFUSED',
          `Connection refused by ${this.remote}: the host answered ICMP "port unreachable", ` +
            'so no UDP server is listening there.',
        ),
      );
    }
    this.fail(err);
  }
}

/**
 * Asks for `asked` bytes of receive buffer (0 = leave the OS default), halving on refusal (macOS
 * refuses above kern.ipc.maxsockbuf); returns a description of what the kernel granted. Linux
 * silently caps the request at net.core.rmem_max and reports twice the value (the doubling pays
 * for its bookkeeping).
 */
function setReceiveBuffer(socket: dgram.Socket, asked: number): string {
  // Bounded: halves from the request to the floor, at most a dozen tries.
  for (let size = asked; asked > 0 && size >= UDP_RECV_BUFFER_FLOOR_BYTES; size = Math.floor(size / 2)) {
    try {
      socket.setRecvBufferSize(size);
      break;
    } catch {
      // The kernel refused this size; try half.
    }
  }
  const what = asked > 0 ? `asked ${asked}` : 'the OS default, as a classic client has';
  let reported: number;
  try {
    reported = socket.getRecvBufferSize();
  } catch {
    return `receive buffer size unknown (${what})`;
  }
  if (process.platform === 'linux') {
    return (
      `receive buffer ${reported / 2} bytes granted (${what}; ` +
      `Linux caps it at net.core.rmem_max and reports it doubled, ${reported})`
    );
  }
  return `receive buffer ${reported} bytes granted (${what})`;
}
