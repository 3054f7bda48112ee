import net from 'node:net';
import { cappedStreamSentence, replyTimeoutSentence } from '../../../src-shared/endings.js';
import { formatDuration } from '../../../src-shared/format/numbers.js';
import { formatHostPort } from '../../../src-shared/hosts.js';
import type { ClientEndpoint } from '../endpoint.js';
import { LabError } from '../errors.js';
import { ClientEndpointBase } from './client-endpoint-base.js';
import { ClientExchange, type ExchangeContext } from './client-exchange.js';
import { looksLikeStreamPayload, PreparedSplitter } from './prepared-splitter.js';
import { ReplyText } from './reply-text.js';
import type { ResolvedHost } from './resolve-host.js';
import { SegmentFramer } from './segment-framer.js';

/** A TCP client: one connection per exchange; the server's FIN ends the reply (docs/protocol.md §1). */
export class TcpClient extends ClientEndpointBase implements ClientEndpoint {
  protected readonly proto = 'tcp' as const;

  protected createExchange(ctx: ExchangeContext): ClientExchange {
    return new TcpExchange(ctx);
  }
}

/**
 * One read may take up to this much of what the kernel has queued: a 123 MB file arrives in a few
 * hundred reads instead of ~1,900 of Node's default 64 KiB, each with its own allocation and rx
 * event. Shared by every TcpClient of the process: a read's bytes are handled before the next
 * read, and nothing keeps a view of them (ReplyText copies).
 */
export const TCP_READ_BUFFER_BYTES = 1024 * 1024;
const sharedReadBuffer = Buffer.allocUnsafe(TCP_READ_BUFFER_BYTES);

/** How the bytes of the reply are read. */
type ReadMode = 'file' | 'stream' | 'echo' | 'reply';

class TcpExchange extends ClientExchange {
  private socket: net.Socket | null = null;
  private mode: ReadMode;
  /** Echo text, or a server's error line once the reply turned out not to be payload. */
  private reply = new ReplyText();
  private readonly splitter: PreparedSplitter | null;
  private readonly framer: SegmentFramer | null;
  private prepareTimer: NodeJS.Timeout | null = null;
  private streamStarted = false;
  /** Told with the read that revealed it: the server capped the stream at its limit. */
  private cappedNote = '';
  /** now() of the request or the latest byte: the reply timeout counts from here. */
  private lastByteAt = 0;
  private replyWatching = false;

  constructor(ctx: ExchangeContext) {
    super(ctx);
    const kind = ctx.plan.kind;
    // An empty request expects nothing; whatever comes anyway is shown like an echo.
    this.mode = kind === 'file' ? 'file' : kind === 'stream' ? 'stream' : kind === 'bad' ? 'reply' : 'echo';
    this.splitter = kind === 'file' ? new PreparedSplitter() : null;
    const sequence = this.stats.sequence;
    const stream = ctx.plan.stream;
    this.framer = sequence && stream ? new SegmentFramer(stream.size, (n) => this.onSegmentHead(n)) : null;
  }

  protected teardown(): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.closed) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  protected open(resolved: ResolvedHost): void {
    const socket = net.connect({
      host: resolved.address,
      port: this.config.port,
      family: resolved.family,
      // Reads land in one reused buffer of TCP_READ_BUFFER_BYTES, not a fresh 64 KiB Buffer each.
      onread: { buffer: sharedReadBuffer, callback: (n: number, buf: Uint8Array) => this.onRead(n, buf) },
    });
    this.socket = socket;
    const ms = this.config.connectTimeoutMs;
    const connectTimer = this.timer(ms, () => {
      const message =
        `No answer from ${this.remote} within ${ms / 1000} s: the host may be down, ` +
        'or a firewall drops the connection.';
      this.emit('timeout', null, null, message);
      this.finish('error', new LabError('TIMEOUT', message));
    });
    socket.on('error', (err) => this.fail(err));
    socket.on('connect', () => {
      this.clearTimer(connectTimer);
      this.onConnect(socket);
    });
    socket.on('end', () => this.onFin());
    socket.on('close', () => {
      if (!this.isEnded) this.fail(new LabError('CONNECTION_RESET', `Connection to ${this.remote} closed.`));
    });
  }

  private onConnect(socket: net.Socket): void {
    // Small writes (the request) go out at once; the lab is about seeing what happens on the wire.
    socket.setNoDelay(true);
    this.local = formatHostPort(socket.localAddress ?? '', socket.localPort ?? 0);
    this.emit('connect', null, null, `connected from ${this.local} to ${this.remote}`);
    socket.write(this.plan.wire);
    this.stats.requestSent(this.sink.now());
    this.emit('request', this.plan.wire.length, null, this.requestDetail());
    this.lastByteAt = this.sink.now();
    if (this.mode === 'file') {
      // Waiting for file_prepared has its own (longer) timeout; the reply timeout starts after it.
      const ms = this.config.prepareTimeoutMs;
      this.prepareTimer = this.timer(ms, () => {
        const message = `No file_prepared within ${ms} ms.`;
        this.emit('timeout', null, null, message);
        this.finish('prepare-timeout', new LabError('TIMEOUT', message));
      });
    } else {
      this.watchReply();
    }
  }

  /**
   * No byte for `replyTimeoutMs` ends the exchange with TIMEOUT. Reads only stamp lastByteAt;
   * the timer re-arms itself for the time left, so the read path never touches a timer.
   */
  private watchReply(): void {
    if (this.replyWatching) return;
    this.replyWatching = true;
    // A stream is silent for one interval before each segment: that silence is not a stall.
    const ms = this.config.replyTimeoutMs + Math.ceil(this.plan.stream?.intervalMs ?? 0);
    const check = (): void => {
      const left = this.lastByteAt + ms - this.sink.now();
      if (left > 1) {
        this.timer(Math.ceil(left), check);
        return;
      }
      const sentence = replyTimeoutSentence(this.remote, ms, this.stats.bytes, this.stats.expected);
      this.emit('timeout', null, null, sentence);
      this.finish('reply-timeout', new LabError('TIMEOUT', sentence));
    };
    this.timer(ms, check);
  }

  private onRead(n: number, buf: Uint8Array): boolean {
    // A view of the shared buffer: everything below reads it at once or copies what it keeps.
    this.onData(Buffer.from(buf.buffer, buf.byteOffset, n));
    return true;
  }

  private onData(chunk: Buffer): void {
    if (this.isEnded) return;
    this.stats.reads++;
    const now = this.sink.now();
    this.lastByteAt = now;
    switch (this.mode) {
      case 'file':
        return this.onFileData(chunk, now);
      case 'stream':
        return this.onStreamData(chunk, now);
      case 'echo':
        this.reply.push(chunk);
        this.stats.payload(chunk.length, now);
        return this.emit('rx', chunk.length, null, `socket read ${this.stats.reads}: echo reply bytes`);
      case 'reply':
        return this.onReplyData(chunk, now);
    }
  }

  private onFileData(chunk: Buffer, now: number): void {
    const splitter = this.splitter!;
    const before = splitter.state;
    const payload = splitter.push(chunk);
    if (before === 'waiting' && splitter.state === 'prepared') {
      this.clearTimer(this.prepareTimer);
      const prepareMs = this.stats.prepared(now);
      this.emit('prepared', null, null, `file_prepared after ${formatDuration(prepareMs)}`);
      this.watchReply();
    } else if (splitter.state === 'reply') {
      this.watchReply();
      this.clearTimer(this.prepareTimer);
      this.mode = 'reply';
      this.reply = splitter.reply;
      this.stats.replyReceived(now);
      this.emit('rx', chunk.length, null, 'not file_prepared: a reply line from the server');
      return;
    }
    if (payload === null) return;
    this.stats.payload(payload.length, now);
    const note = before === 'waiting' ? ', came in the same read as file_prepared' : '';
    this.emit('rx', payload.length, null, `socket read ${this.stats.reads}: payload${note}`);
  }

  private onStreamData(chunk: Buffer, now: number): void {
    if (!this.streamStarted) {
      this.streamStarted = true;
      // Segments start with digits or 'A'; anything else is the server's error line.
      if (!looksLikeStreamPayload(chunk[0])) {
        this.mode = 'reply';
        return this.onReplyData(chunk, now);
      }
    }
    this.stats.payload(chunk.length, now);
    const segment = this.framer ? this.framer.push(chunk) : null;
    let detail = `socket read ${this.stats.reads} (a read, not a TCP segment)`;
    if (this.cappedNote) {
      detail += `; ${this.cappedNote}`;
      this.cappedNote = '';
    }
    this.emit('rx', chunk.length, segment, detail);
  }

  private onReplyData(chunk: Buffer, now: number): void {
    this.reply.push(chunk);
    this.stats.replyReceived(now);
    this.emit('rx', chunk.length, null, 'reply text');
  }

  private onSegmentHead(sequence: number | null): void {
    const tracker = this.stats.sequence!;
    if (tracker.first === null && sequence !== null && this.stats.adoptStreamCount(sequence)) {
      // TCP loses nothing, so a first number below the count means the server capped the stream.
      this.cappedNote = cappedStreamSentence(sequence, this.plan.stream!.count);
    }
    tracker.note(sequence);
  }

  private onFin(): void {
    if (this.isEnded) return;
    this.framer?.flush();
    this.emit('end', null, null, 'the server closed the connection (FIN): end of transmission');
    if (this.mode === 'reply') {
      return this.failWithReply(this.reply.text());
    }
    this.finish('fin', null, this.mode === 'echo' ? this.reply.text() : null);
  }
}
