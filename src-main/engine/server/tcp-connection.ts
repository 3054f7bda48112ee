// One TCP connection = one exchange: frame the request, send the reply, close (FIN ends the reply).
import type { Socket } from 'node:net';
import type { ServerConfig } from '../../../src-shared/api.js';
import { REQUEST_QUIET_MS } from '../../../src-shared/protocol/limits.js';
import { LabError } from '../errors.js';
import type { EventSink } from '../event-sink.js';
import { socketAddress } from './addresses.js';
import { ExchangeReporter } from './exchange-reporter.js';
import { FILE_WRITE_CHUNK_BYTES } from './file-sender.js';
import { planRequest } from './reply-plan.js';
import type { FramedRequest } from './request-reader.js';
import { RequestReader } from './request-reader.js';
import { sendReply } from './reply-runner.js';
import { TcpPayloadWriter } from './tcp-writer.js';

/** A connection that sends no byte at all for this long is closed (a forgotten `nc`, a port scan). */
export const REQUEST_WAIT_MS = 60_000;
/** After our FIN, a peer that never closes its side is dropped after this long. */
export const CLOSE_LINGER_MS = 10_000;

export interface ConnectionScope {
  sink: EventSink;
  endpoint: string;
  config: ServerConfig;
}

type Phase = 'reading' | 'replying' | 'done';

export class TcpConnection {
  /** Resolves once the socket is closed and the exchange's summary is out. */
  readonly settled: Promise<void>;
  private readonly reader = new RequestReader();
  private readonly abort = new AbortController();
  private readonly reporter: ExchangeReporter;
  private readonly writer: TcpPayloadWriter;
  private readonly remote: string;
  private phase: Phase = 'reading';
  private quietTimer: NodeJS.Timeout | null = null;
  private lingerTimer: NodeJS.Timeout | null = null;
  private socketClosed = false;
  private markSettled: () => void = () => undefined;

  constructor(
    private readonly socket: Socket,
    private readonly scope: ConnectionScope,
  ) {
    this.remote = socketAddress(socket.remoteAddress, socket.remotePort);
    this.reporter = new ExchangeReporter({
      sink: scope.sink,
      endpoint: scope.endpoint,
      proto: 'tcp',
      exchange: scope.sink.newExchangeId(),
      local: socketAddress(socket.localAddress, socket.localPort),
      remote: this.remote,
    });
    this.writer = new TcpPayloadWriter(socket, this.abort.signal, this.remote);
    this.reporter.countUnsentWith(() => this.writer.unsentBytes);
    this.settled = new Promise((resolve) => (this.markSettled = resolve));
    socket.on('error', this.onError);
    socket.on('data', this.onData);
    socket.on('end', this.onPeerEnd);
    socket.on('close', this.onClose);
    socket.on('timeout', this.onRequestTimeout);
    socket.setNoDelay(true);
    socket.setTimeout(REQUEST_WAIT_MS);
    this.reporter.event('accept', { detail: `connection from ${this.remote}` });
  }

  /** The server is closing: stop at once; the summary ends 'cancelled'. */
  cancel(): void {
    this.abort.abort();
    if (this.phase === 'reading') this.end('cancelled', 'cancelled: server closing');
    this.socket.destroy();
  }

  private readonly onData = (chunk: Buffer): void => {
    // One request per connection: whatever follows a complete request is read and dropped.
    if (this.phase !== 'reading') return;
    const request = this.reader.push(chunk);
    if (request) return this.serve(request);
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => this.serve(this.reader.finish('quiet')), REQUEST_QUIET_MS);
  };

  /** The peer half-closed. Before a request that completes it; after one it is normal (`nc -N`). */
  private readonly onPeerEnd = (): void => {
    if (this.phase === 'reading') this.serve(this.reader.finish('half-close'));
  };

  private readonly onError = (err: Error): void => {
    this.writer.fail(err);
    // While replying the writer sees the socket close and the reply reports the failure.
    if (this.phase === 'reading') {
      const failure = this.writer.failure!;
      this.end('error', `before a request: ${failure.message}`, failure);
    }
  };

  private readonly onClose = (): void => {
    this.socketClosed = true;
    this.clearTimers();
    if (this.phase === 'reading') this.end('error', 'connection closed before a request arrived');
    this.settleIfDone();
  };

  private readonly onRequestTimeout = (): void => {
    if (this.phase !== 'reading') return;
    const seconds = REQUEST_WAIT_MS / 1000;
    this.end(
      'error',
      `no request within ${seconds} s; closing`,
      new LabError('TIMEOUT', `no request in ${seconds} s`),
    );
    this.socket.destroy();
  };

  private serve(request: FramedRequest): void {
    if (this.phase !== 'reading') return;
    this.phase = 'replying';
    this.clearTimers();
    this.socket.setTimeout(0);
    const planned = planRequest(request.bytes, 'tcp', this.scope.config);
    this.reporter.request(planned, request.received);
    const ctx = {
      writer: this.writer,
      reporter: this.reporter,
      fileChunkBytes: FILE_WRITE_CHUNK_BYTES,
      signal: this.abort.signal,
    };
    sendReply(planned.plan, ctx)
      .catch(() => 'error' as const)
      .then((end) => {
        if (end === 'done') {
          this.end(
            'done',
            planned.plan.kind === 'none'
              ? 'empty request: closed without reply'
              : 'reply complete, connection closed',
          );
          if (!this.socketClosed) this.lingerTimer = setTimeout(() => this.socket.destroy(), CLOSE_LINGER_MS);
          return;
        }
        if (end === 'cancelled') this.end('cancelled', 'cancelled: server closing');
        else {
          const failure =
            this.writer.failure ?? new LabError('CONNECTION_RESET', `${this.remote} closed the connection.`);
          const progress = `${this.reporter.sentBytes} of ${planned.expected} bytes`;
          this.end('error', `peer vanished after ${progress}: ${failure.message}`, failure);
        }
        this.socket.destroy();
      });
  }

  private end(end: 'done' | 'error' | 'cancelled', detail: string, failure?: LabError): void {
    this.phase = 'done';
    this.reporter.finish(end, detail, failure?.toInfo() ?? null);
    this.settleIfDone();
  }

  private settleIfDone(): void {
    if (this.socketClosed && this.reporter.finished) {
      this.clearTimers();
      this.markSettled();
    }
  }

  private clearTimers(): void {
    if (this.quietTimer) clearTimeout(this.quietTimer);
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    this.quietTimer = null;
    this.lingerTimer = null;
  }
}
