// A send-rate budget in bytes/s shared by several UDP transfers (one source address, or the whole
// server): a token bucket kept as one "paid up to" time, so it costs O(1) per datagram.
import { performance } from 'node:perf_hooks';
import { UDP_BUDGET_BURST_MS } from '../../../src-shared/protocol/server-limits.js';

export class SendBudget {
  /** The time by which everything charged so far is within the rate. */
  private paidUntilMs = Number.NEGATIVE_INFINITY;

  constructor(
    /** 0 = no budget: charges are free and nobody waits. */
    private readonly rateBytesPerSec: number,
    /** What the budget is, for the event that says a transfer waits on it. */
    readonly label = 'the send budget',
    private readonly burstMs = UDP_BUDGET_BURST_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Counts bytes just sent (or about to be). */
  charge(bytes: number): void {
    if (this.rateBytesPerSec === 0) return;
    // An idle budget refills only up to one burst: it never banks a long quiet time.
    const from = Math.max(this.paidUntilMs, this.now() - this.burstMs);
    this.paidUntilMs = from + (bytes * 1000) / this.rateBytesPerSec;
  }

  /** How long a sender should wait before its next byte (0 = send now). */
  delayMs(): number {
    if (this.rateBytesPerSec === 0) return 0;
    return Math.max(0, this.paidUntilMs - this.now());
  }

  /** True when forgetting this budget gives nobody more than a fresh one would. */
  get idle(): boolean {
    return this.paidUntilMs <= this.now() - this.burstMs;
  }
}
