// One direction of a TCP link connection, per chunk like Toxiproxy: read, hold for latency +
// jitter (order kept), pace at the rate limit, re-cut into slices, stall once, reset after N
// bytes. The relay STOPS READING while more than queueBytes wait, so the sender's kernel buffer
// fills and backpressure reaches the sending application (its write() returns false: flow control).
import type { Socket } from 'node:net';
import type { DirectionConditions } from '../../../src-shared/link/conditions.js';
import { DelayModel } from '../../../src-shared/link/delay.js';
import { LINK_TCP_PACE_BYTES } from '../../../src-shared/link/limits.js';
import { chance } from '../../../src-shared/link/loss.js';
import { linkRandom } from '../../../src-shared/link/prng.js';
import type { LinkDirection } from '../../../src-shared/link/prng.js';
import { RateQueue } from '../../../src-shared/link/rate-queue.js';
import { Slicer } from '../../../src-shared/link/slicer.js';
import { DirectionCounter } from '../../../src-shared/link/stats.js';
import { formatBytes, formatMs } from '../../../src-shared/link/units.js';
import { DeadlineQueue } from './deadline-queue.js';
import type { DeliverResult } from './deadline-queue.js';
import type { LinkReporter } from './link-reporter.js';

interface Chunk {
  data: Buffer;
  arrivedAt: number;
  /** The last bytes before the reset: after writing them, both connections are reset. */
  reset: boolean;
}

export interface TcpDirectionHooks {
  /** reset-after reached: reset both connections. */
  reset(): void;
}

export class TcpDirection {
  readonly counter = new DirectionCounter();
  private readonly rate: RateQueue;
  private readonly delay: DelayModel;
  private readonly retransmit: () => boolean;
  private readonly slicer: Slicer;
  private readonly queue: DeadlineQueue<Chunk>;
  private queuedBytes = 0;
  /** Bytes read from the sender so far (stall and reset count them). */
  private passed = 0;
  private stallUntil = Number.NEGATIVE_INFINITY;
  private stalled = false;
  private pausedByLink = false;
  private sourceEnded = false;
  private finished = false;
  private pauses = 0;

  constructor(
    private readonly name: LinkDirection,
    private readonly c: DirectionConditions,
    seed: number,
    private readonly source: Socket,
    private readonly dest: Socket,
    private readonly now: () => number,
    private readonly reporter: LinkReporter,
    private readonly hooks: TcpDirectionHooks,
  ) {
    this.rate = new RateQueue(c.rateBytesPerSec, c.queueBytes);
    this.delay = new DelayModel({ ...c, reorderPct: 0 }, linkRandom(seed, name, 'jitter'), linkRandom(seed, name, 'reorder'));
    this.retransmit = chance(c.lossPct, linkRandom(seed, name, 'retransmit'));
    this.slicer = new Slicer(c.sliceBytes, c.sliceVarBytes, linkRandom(seed, name, 'slice'));
    this.queue = new DeadlineQueue(now, this.deliver);
  }

  /** How often the relay stopped reading because its queue was over queueBytes. */
  get pauseCount(): number {
    return this.pauses;
  }

  start(): void {
    this.source.on('data', this.onData);
    this.source.on('end', this.onEnd);
    this.dest.on('drain', () => this.queue.unblock());
  }

  close(): void {
    this.queue.close();
  }

  private readonly onData = (data: Buffer): void => {
    if (this.finished) return;
    const now = this.now();
    this.counter.packetsIn += 1;
    this.counter.bytesIn += data.length;
    if (this.name === 'upstream') this.reporter.noteRequest(data);
    const c = this.c;
    let rest = data;
    let reset = false;
    if (c.resetAfterBytes > 0 && this.passed + rest.length >= c.resetAfterBytes) {
      rest = rest.subarray(0, c.resetAfterBytes - this.passed);
      reset = true;
      this.finished = true;
      this.source.pause();
    }
    if (c.stallMs > 0 && !this.stalled && this.passed + rest.length >= c.stallAfterBytes) {
      // Bytes before the threshold pass on time; the rest, and all that follows, waits.
      const before = Math.max(0, c.stallAfterBytes - this.passed);
      if (before > 0) this.schedule(rest.subarray(0, before), now, false);
      rest = rest.subarray(before);
      this.passed += before;
      this.stalled = true;
      this.stallUntil = now + c.stallMs;
      this.reporter.event('delay', `${this.name}: stalled ${formatMs(c.stallMs)} after ${formatBytes(this.passed)}`, rest.length);
    }
    if (rest.length > 0 || reset) this.schedule(rest, now, reset);
    this.passed += rest.length;
    if (this.queuedBytes > c.queueBytes && !this.pausedByLink && !this.finished) {
      this.pausedByLink = true;
      this.pauses += 1;
      this.source.pause();
      if (this.pauses === 1) {
        this.reporter.event('delay', `${this.name}: queue over ${formatBytes(c.queueBytes)}: the link stops reading, so the sender waits (flow control)`);
      }
    }
  };

  private schedule(data: Buffer, now: number, reset: boolean): void {
    // Lost chunks are sent again after the minimum RTO, as the kernel's retransmission would;
    // order is kept, so what follows waits behind it (head-of-line blocking).
    let hold = this.stallUntil;
    if (data.length > 0 && this.retransmit()) {
      hold = Math.max(hold, now + this.c.tcpRetransmitMs);
      this.reporter.event(
        'delay',
        `${this.name}: ${data.length} B held ${formatMs(this.c.tcpRetransmitMs)}, as a lost segment's retransmission would be`,
        data.length,
      );
    }
    const pieces = this.cut(data);
    pieces.forEach((piece, i) => {
      const ready = Math.max(this.rate.admit(piece.length, now), hold);
      // Always through the delay model, even at 0 ms: it keeps the chunks in order.
      const at = this.delay.next(ready).at;
      this.queuedBytes += piece.length;
      this.queue.push(at, { data: piece, arrivedAt: now, reset: reset && i === pieces.length - 1 });
    });
  }

  /** Slices (each its own write) or, under a rate limit, pieces small enough to pace smoothly. */
  private cut(data: Buffer): Buffer[] {
    if (data.length === 0) return [data];
    const sizes = this.slicer.active
      ? this.slicer.cut(data.length)
      : this.rate.active
        ? evenPieces(data.length, LINK_TCP_PACE_BYTES)
        : [data.length];
    if (sizes.length === 1) return [data];
    const out: Buffer[] = [];
    let offset = 0;
    for (const n of sizes) {
      out.push(data.subarray(offset, offset + n));
      offset += n;
    }
    return out;
  }

  private readonly onEnd = (): void => {
    this.sourceEnded = true;
    this.endIfDrained();
  };

  private readonly deliver = (chunk: Chunk): DeliverResult => {
    const counter = this.counter;
    counter.delay(this.now() - chunk.arrivedAt);
    let writable = true;
    if (chunk.data.length > 0) {
      writable = this.dest.write(chunk.data);
      counter.packetsOut += 1;
      counter.bytesOut += chunk.data.length;
    }
    this.queuedBytes -= chunk.data.length;
    if (chunk.reset) {
      this.hooks.reset();
      return 'block';
    }
    if (this.pausedByLink && this.queuedBytes <= this.c.queueBytes / 2) {
      this.pausedByLink = false;
      this.source.resume();
    }
    this.endIfDrained();
    if (!writable) return 'block';
    // One slice per turn of the event loop, so the receiver reads them one by one.
    return this.slicer.active ? 'yield' : 'continue';
  };

  private endIfDrained(): void {
    // Half-close passes on after the last byte, as the sender's FIN would arrive after its data.
    if (this.sourceEnded && this.queue.size === 0 && !this.finished) {
      this.finished = true;
      this.dest.end();
    }
  }
}

function evenPieces(total: number, max: number): number[] {
  const sizes: number[] = [];
  for (let left = total; left > 0; left -= max) sizes.push(Math.min(left, max));
  return sizes;
}
