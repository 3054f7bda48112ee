// Numbered UDP datagrams for the link rows: a sender that paces them in small bursts (so no
// kernel buffer overflows and only the link decides what is lost) and a receiver that records
// which sequence numbers arrived and when, on this process's clock.
import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { performance } from 'node:perf_hooks';
import { leadingSequence } from '../../src-shared/link/segment.js';

export const PROBE_BYTES = 64;
const BUFFER_BYTES = 4 * 1024 * 1024;

/** Payload: the sequence number in ASCII, 'A' padding (the link reads the number for its events). */
export function probePayload(seq: number): Buffer {
  const b = Buffer.alloc(PROBE_BYTES, 0x41);
  b.write(String(seq), 0, 'ascii');
  return b;
}

export class ProbeReceiver {
  readonly arrivals = new Map<number, number>();
  private constructor(readonly socket: Socket) {
    socket.on('message', (m) => {
      const seq = leadingSequence(m);
      if (seq !== null && !this.arrivals.has(seq)) this.arrivals.set(seq, performance.now());
    });
  }

  static async open(): Promise<ProbeReceiver> {
    const socket = await bound();
    return new ProbeReceiver(socket);
  }

  get port(): number {
    return this.socket.address().port;
  }

  /** Resolves once nothing has arrived for `quietMs` (bounded by `limitMs`). */
  async settle(quietMs: number, limitMs: number): Promise<void> {
    const started = performance.now();
    let last = -1;
    let lastChange = performance.now();
    while (performance.now() - started < limitMs) {
      await new Promise((r) => setTimeout(r, 20));
      if (this.arrivals.size !== last) {
        last = this.arrivals.size;
        lastChange = performance.now();
      } else if (performance.now() - lastChange >= quietMs) return;
    }
  }

  close(): void {
    this.socket.close();
  }
}

export interface ProbeSend {
  /** Send time of each sequence number (performance.now()). */
  sentAt: Float64Array;
  socket: Socket;
}

/**
 * Sends datagrams 0 … count−1 to 127.0.0.1:port, `perTurn` per event-loop turn, or one every
 * `intervalMs` on absolute deadlines when it is set, or at `perSecond` (small bursts) when that is.
 */
export async function sendProbes(
  port: number,
  count: number,
  opts: { perTurn?: number; intervalMs?: number; perSecond?: number },
): Promise<ProbeSend> {
  const socket = await bound();
  const sentAt = new Float64Array(count);
  const start = performance.now();
  for (let seq = 0; seq < count;) {
    if (opts.intervalMs !== undefined) {
      const due = start + seq * opts.intervalMs;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait - 1));
      // The last millisecond in event-loop turns, never a busy spin: the link and the receiver
      // share this loop, and a spin would delay them, not the probe.
      while (performance.now() < due) await new Promise((r) => setImmediate(r));
      sentAt[seq] = performance.now();
      socket.send(probePayload(seq), port, '127.0.0.1');
      seq += 1;
    } else if (opts.perSecond !== undefined) {
      // As many as the schedule says by now, then a turn of the event loop (the receiver's reads).
      const due = Math.min(count, Math.floor(((performance.now() - start) * opts.perSecond) / 1000) + 1);
      for (; seq < due; seq++) {
        sentAt[seq] = performance.now();
        socket.send(probePayload(seq), port, '127.0.0.1');
      }
      await new Promise((r) => setImmediate(r));
    } else {
      const end = Math.min(count, seq + (opts.perTurn ?? 100));
      for (; seq < end; seq++) {
        sentAt[seq] = performance.now();
        socket.send(probePayload(seq), port, '127.0.0.1');
      }
      await new Promise((r) => setImmediate(r));
    }
  }
  return { sentAt, socket };
}

function bound(): Promise<Socket> {
  const socket = createSocket('udp4');
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      socket.off('error', reject);
      try {
        socket.setRecvBufferSize(BUFFER_BYTES);
        socket.setSendBufferSize(BUFFER_BYTES);
      } catch {
        // Keep the defaults.
      }
      resolve(socket);
    });
  });
}
