// One-way delay with uniform jitter and optional reordering. Without reordering the deadlines are
// kept in order (a datagram never overtakes an earlier one, as on one path); with it, a share of
// datagrams is held back by an extra delay so later ones overtake them, as netem's reorder does.
import type { DirectionConditions } from './conditions.js';
import type { Random } from './prng.js';

export interface DelayDecision {
  /** Absolute deadline, ms on the caller's clock. */
  at: number;
  /** Held back on purpose to be overtaken. */
  reordered: boolean;
}

export class DelayModel {
  private lastAt = Number.NEGATIVE_INFINITY;
  private readonly reorderP: number;

  constructor(
    private readonly c: Pick<DirectionConditions, 'delayMs' | 'jitterMs' | 'reorderPct' | 'reorderDelayMs'>,
    private readonly jitterRandom: Random,
    private readonly reorderRandom: Random,
  ) {
    this.reorderP = c.reorderPct / 100;
  }

  get active(): boolean {
    return this.c.delayMs > 0 || this.c.jitterMs > 0 || this.reorderP > 0;
  }

  /** When a packet that is ready at `readyAt` (after the rate limit) leaves the link. */
  next(readyAt: number): DelayDecision {
    const { delayMs, jitterMs, reorderDelayMs } = this.c;
    const jitter = jitterMs > 0 ? (this.jitterRandom() * 2 - 1) * jitterMs : 0;
    const base = readyAt + Math.max(0, delayMs + jitter);
    if (this.reorderP > 0 && this.reorderRandom() < this.reorderP) {
      return { at: Math.max(base, this.lastAt) + reorderDelayMs, reordered: true };
    }
    // Order kept: jitter may stretch a gap but never swap two packets.
    const at = Math.max(base, this.lastAt);
    this.lastAt = at;
    return { at, reordered: false };
  }
}
