// PayloadWriter over one TCP socket: kernel backpressure through write() === false and 'drain'.
import type { Socket } from 'node:net';
import { LabError, toLabError } from '../errors.js';
import type { PayloadWriter } from './payload-writer.js';

/** A peer that accepts no bytes for this long while we have data queued is dropped. */
export const TCP_STALL_TIMEOUT_MS = 120_000;

export class TcpPayloadWriter implements PayloadWriter {
  private failed: LabError | null = null;
  private wroteThisTick = false;
  private corked = false;
  /** Bytes handed to socket.write(), taken by the kernel or not. */
  private written = 0;
  /** What the kernel had taken when the socket went (its queue is gone by then). */
  private takenAtClose: number | null = null;

  constructor(
    private readonly socket: Socket,
    private readonly signal: AbortSignal,
    /** The peer as host:port, for error messages. */
    private readonly where: string,
    /** A peer that takes no bytes for this long is dropped (tests shorten it). */
    private readonly stallTimeoutMs: number = TCP_STALL_TIMEOUT_MS,
  ) {
    // By 'close' Node has dropped its queue: bytesWritten then counts only what was dispatched.
    socket.once('close', () => {
      this.takenAtClose ??= socket.bytesWritten;
    });
  }

  /**
   * Bytes written here that the kernel never took (still in Node's queue, or dropped with the
   * socket): bytesWritten − writableLength is what the kernel took, nothing says the peer read it.
   */
  get unsentBytes(): number {
    const taken = this.takenAtClose ?? this.socket.bytesWritten - this.socket.writableLength;
    return Math.max(0, this.written - taken);
  }

  get failure(): LabError | null {
    return this.failed;
  }

  get open(): boolean {
    return !this.signal.aborted && !this.socket.destroyed && this.socket.writable;
  }

  /** Records a socket error (the connection's 'error' listener calls this). */
  fail(err: unknown): void {
    this.failed ??= toLabError(err, this.where);
  }

  write(chunk: Uint8Array): boolean {
    // The first write of a tick goes out alone (so `file_prepared` is its own write); the rest of
    // the tick is corked and leaves in one writev, e.g. overdue stream segments sent back to back.
    if (!this.wroteThisTick) {
      this.wroteThisTick = true;
      process.nextTick(this.endTick);
    } else if (!this.corked) {
      this.corked = true;
      this.socket.cork();
    }
    this.written += chunk.length;
    return this.socket.write(chunk);
  }

  private readonly endTick = (): void => {
    this.wroteThisTick = false;
    if (this.corked) {
      this.corked = false;
      this.socket.uncork();
    }
  };

  drained(): Promise<boolean> {
    if (!this.open) return Promise.resolve(false);
    if (!this.socket.writableNeedDrain) return Promise.resolve(true);
    return this.waitFor('drain');
  }

  finish(): Promise<boolean> {
    if (!this.open) return Promise.resolve(false);
    const finished = this.waitFor('finish');
    this.socket.end();
    return finished;
  }

  /** Resolves true on `event`, false when the socket closes, the reply is cancelled or the peer stalls. */
  private waitFor(event: 'drain' | 'finish'): Promise<boolean> {
    const socket = this.socket;
    return new Promise((resolve) => {
      const settle = (ok: boolean): void => {
        clearTimeout(stall);
        socket.off(event, onEvent);
        socket.off('close', onClose);
        this.signal.removeEventListener('abort', onClose);
        resolve(ok);
      };
      const onEvent = (): void => settle(true);
      const onClose = (): void => settle(false);
      const stall = setTimeout(() => {
        this.fail(
          new LabError('TIMEOUT', `${this.where} read nothing for ${this.stallTimeoutMs / 1000} s; dropped.`),
        );
        this.takenAtClose ??= socket.bytesWritten - socket.writableLength;
        socket.destroy();
        settle(false);
      }, this.stallTimeoutMs);
      socket.once(event, onEvent);
      socket.once('close', onClose);
      this.signal.addEventListener('abort', onClose, { once: true });
    });
  }
}
