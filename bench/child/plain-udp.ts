// The plain Node dgram pair the UDP file benchmark compares against: what a student would write
// without NetLab — a loop of send() calls and a receiver with the default socket buffer.
import dgram from 'node:dgram';
import { performance } from 'node:perf_hooks';
import type { PlainReceiveResult, PlainSendResult } from './agent-protocol.js';

export class PlainReceiver {
  private readonly socket = dgram.createSocket('udp4');
  private bytes = 0;
  private datagrams = 0;
  private first = 0;
  private last = 0;
  private idle: NodeJS.Timeout | null = null;
  readonly result: Promise<PlainReceiveResult>;
  private settle!: (r: PlainReceiveResult) => void;

  constructor(
    private readonly idleMs: number,
    private readonly expectBytes: number,
  ) {
    this.result = new Promise((resolve) => (this.settle = resolve));
    this.socket.on('message', (msg) => this.onMessage(msg));
    this.socket.on('error', () => this.done());
  }

  bind(): Promise<number> {
    return new Promise((resolve) =>
      this.socket.bind(0, '127.0.0.1', () => resolve(this.socket.address().port)),
    );
  }

  private onMessage(msg: Buffer): void {
    const now = performance.now();
    if (this.datagrams === 0) this.first = now;
    this.last = now;
    this.datagrams += 1;
    this.bytes += msg.length;
    if (this.bytes >= this.expectBytes) return this.done();
    if (this.idle) this.idle.refresh();
    else this.idle = setTimeout(() => this.done(), this.idleMs);
  }

  private done(): void {
    if (this.idle) clearTimeout(this.idle);
    this.socket.close();
    this.settle({ bytes: this.bytes, datagrams: this.datagrams, ms: this.last - this.first });
  }
}

/** Sends `bytes` of 'A' in `chunkBytes` datagrams as fast as send() takes them. */
export async function plainSend(port: number, bytes: number, chunkBytes: number): Promise<PlainSendResult> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  const chunk = Buffer.alloc(chunkBytes, 0x41);
  const started = performance.now();
  let sent = 0;
  let datagrams = 0;
  let failed = 0;
  let pending = 0;
  await new Promise<void>((resolve) => {
    const onSent = (err: Error | null): void => {
      if (err) failed += 1;
      pending -= 1;
      if (pending === 0 && sent >= bytes) resolve();
    };
    for (let at = 0; at < bytes; at += chunkBytes) {
      const n = Math.min(chunkBytes, bytes - at);
      pending += 1;
      datagrams += 1;
      sent += n;
      socket.send(chunk, 0, n, port, '127.0.0.1', onSent);
    }
  });
  const ms = performance.now() - started;
  socket.close();
  // A send that failed never left: it is not "sent".
  return { bytes: sent - failed * chunkBytes, datagrams: datagrams - failed, ms };
}
