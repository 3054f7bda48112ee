// One direction of a UDP flow, per datagram like netem: loss (Bernoulli or Gilbert–Elliott), MTU,
// the rate limit's tail-dropping queue, delay + jitter (+ reordering), duplication, then out.
import type { DirectionConditions } from '../../../src-shared/link/conditions.js';
import { DelayModel } from '../../../src-shared/link/delay.js';
import { formatMs } from '../../../src-shared/link/units.js';
import { chance, LossModel } from '../../../src-shared/link/loss.js';
import { checkMtu, ipPacketBytes } from '../../../src-shared/link/mtu.js';
import { linkRandom } from '../../../src-shared/link/prng.js';
import type { LinkDirection } from '../../../src-shared/link/prng.js';
import { RateQueue } from '../../../src-shared/link/rate-queue.js';
import { leadingSequence } from '../../../src-shared/link/segment.js';
import { DirectionCounter } from '../../../src-shared/link/stats.js';
import { DeadlineQueue } from './deadline-queue.js';
import type { LinkReporter } from './link-reporter.js';

interface Pending {
  payload: Buffer;
  arrivedAt: number;
  dup: boolean;
}

/** Consecutive tail drops, reported as one event when the run ends (congestion drops come in runs). */
interface DropRun {
  count: number;
  bytes: number;
  first: number | null;
  last: number | null;
}

const DROP_WORDS = {
  random: 'random loss',
  burst: 'burst loss',
  queue: 'queue full (tail drop)',
  mtu: 'over the MTU',
};

export class UdpDirection {
  readonly counter = new DirectionCounter();
  private readonly loss: LossModel;
  private readonly dup: () => boolean;
  private readonly rate: RateQueue;
  private readonly delay: DelayModel;
  private readonly queue: DeadlineQueue<Pending>;
  private queueRun: DropRun | null = null;

  constructor(
    private readonly name: LinkDirection,
    private readonly c: DirectionConditions,
    seed: number,
    private readonly ipv6: boolean,
    private readonly now: () => number,
    private readonly reporter: LinkReporter,
    private readonly send: (payload: Buffer) => void,
  ) {
    this.loss = new LossModel(c, linkRandom(seed, name, 'loss'));
    this.dup = chance(c.dupPct, linkRandom(seed, name, 'dup'));
    this.rate = new RateQueue(c.rateBytesPerSec, c.queueBytes);
    this.delay = new DelayModel(c, linkRandom(seed, name, 'jitter'), linkRandom(seed, name, 'reorder'));
    this.queue = new DeadlineQueue(now, this.deliver);
  }

  get idle(): boolean {
    return this.queue.size === 0;
  }

  submit(payload: Buffer): void {
    const now = this.now();
    const n = payload.length;
    const counter = this.counter;
    counter.packetsIn += 1;
    counter.bytesIn += n;
    const lost = this.loss.next();
    if (lost !== null) return this.drop(lost, payload);
    const mtu = checkMtu(n, this.c, this.ipv6);
    if (mtu === 'drop') return this.drop('mtu', payload);
    if (mtu === 'fragment') counter.fragmented += 1;
    if (!this.rate.fits(n, now)) return this.queueDrop(payload);
    this.flushQueueRun();
    const ready = this.rate.admit(n, now);
    let at = ready;
    if (this.delay.active) {
      const d = this.delay.next(ready);
      at = d.at;
      if (d.reordered) {
        counter.reordered += 1;
        const seq = leadingSequence(payload);
        this.reporter.event(
          'delay',
          `${this.name}: held back ${formatMs(this.c.reorderDelayMs)} extra, so later datagrams overtake it (reordered)`,
          n,
          seq,
        );
      }
    }
    this.queue.push(at, { payload, arrivedAt: now, dup: this.dup() });
  }

  /** Forgets what is still in flight (the flow is ending). */
  close(): void {
    this.flushQueueRun();
    this.queue.close();
  }

  /**
   * A full queue drops datagram after datagram: one event per run, not per datagram, keeps the
   * journal of a congested 100,000-datagram transfer small; the summary still counts each one.
   */
  private queueDrop(payload: Buffer): void {
    this.counter.dropped.queue += 1;
    const seq = leadingSequence(payload);
    const run = (this.queueRun ??= { count: 0, bytes: 0, first: seq, last: seq });
    run.count += 1;
    run.bytes += payload.length;
    run.last = seq;
  }

  private flushQueueRun(): void {
    const run = this.queueRun;
    if (run === null) return;
    this.queueRun = null;
    const which =
      run.first !== null && run.last !== null
        ? run.count === 1
          ? `segment ${run.first}`
          : `${run.count} datagrams (segments ${run.first} … ${run.last})`
        : run.count === 1
          ? `${run.bytes}-byte datagram`
          : `${run.count} datagrams (${run.bytes} B)`;
    this.reporter.event('drop', `${this.name}: dropped ${which}: ${DROP_WORDS.queue}`, run.bytes, run.first);
  }

  private drop(cause: keyof typeof DROP_WORDS, payload: Buffer): void {
    this.flushQueueRun();
    this.counter.dropped[cause] += 1;
    const seq = leadingSequence(payload);
    // A datagram without a sequence number is said by its place in the flow (#1 first), so the
    // both-ends view can tell which of the server's datagrams it was (a file's byte offsets).
    const what = seq === null ? `${payload.length}-byte datagram #${this.counter.packetsIn}` : `segment ${seq}`;
    let detail = `${this.name}: dropped ${what}: ${DROP_WORDS[cause]}`;
    if (cause === 'mtu')
      detail += ` (IP packet ${ipPacketBytes(payload.length, this.ipv6)} B > MTU ${this.c.mtuBytes} B)`;
    this.reporter.event('drop', detail, payload.length, seq);
  }

  private readonly deliver = (p: Pending): 'continue' => {
    const counter = this.counter;
    counter.delay(this.now() - p.arrivedAt);
    this.send(p.payload);
    counter.packetsOut += 1;
    counter.bytesOut += p.payload.length;
    if (p.dup) {
      this.send(p.payload);
      counter.packetsOut += 1;
      counter.bytesOut += p.payload.length;
      counter.duplicated += 1;
      const seq = leadingSequence(p.payload);
      this.reporter.event(
        'dup',
        `${this.name}: sent ${seq === null ? 'a datagram' : `segment ${seq}`} twice`,
        p.payload.length,
        seq,
      );
    }
    return 'continue';
  };
}
