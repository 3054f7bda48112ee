// Datagram loss: Bernoulli (independent, lossPct) or the two-state Gilbert–Elliott model, whose
// bad state drops in bursts. One draw per datagram and per state change, from the 'loss' stream.
import type { LinkDropCause } from '../events.js';
import type { DirectionConditions } from './conditions.js';
import type { Random } from './prng.js';

export type LossCause = Extract<LinkDropCause, 'random' | 'burst'>;

export class LossModel {
  private bad = false;
  private readonly goodLoss: number;
  private readonly burst: { toBad: number; toGood: number; badLoss: number } | null;

  constructor(
    c: Pick<DirectionConditions, 'lossPct' | 'burst'>,
    private readonly random: Random,
  ) {
    this.goodLoss = c.lossPct / 100;
    this.burst = c.burst
      ? { toBad: c.burst.goodToBadPct / 100, toGood: c.burst.badToGoodPct / 100, badLoss: c.burst.badLossPct / 100 }
      : null;
  }

  get active(): boolean {
    return this.goodLoss > 0 || this.burst !== null;
  }

  /** Why the next datagram is lost, or null when it passes. */
  next(): LossCause | null {
    const b = this.burst;
    if (b === null) return this.goodLoss > 0 && this.random() < this.goodLoss ? 'random' : null;
    // The state is decided first, so a burst starts with the datagram that entered it.
    this.bad = this.bad ? !(this.random() < b.toGood) : this.random() < b.toBad;
    if (this.bad) return this.random() < b.badLoss ? 'burst' : null;
    return this.goodLoss > 0 && this.random() < this.goodLoss ? 'random' : null;
  }
}

/** Bernoulli(pct %) on one stream: duplication, and TCP's "loss" as a retransmission hold. */
export function chance(pct: number, random: Random): () => boolean {
  const p = pct / 100;
  return () => p > 0 && random() < p;
}
