// What a link did to one direction of one exchange, counted as it happens and turned into the
// summary's LinkDirectionStats. Applied delays are kept in a bounded reservoir for p50 / p99.
import type { LinkDirectionStats, LinkDropCause } from '../events.js';
import { LINK_DELAY_SAMPLES_MAX } from './limits.js';

export class DirectionCounter {
  packetsIn = 0;
  bytesIn = 0;
  packetsOut = 0;
  bytesOut = 0;
  fragmented = 0;
  duplicated = 0;
  reordered = 0;
  readonly dropped: Record<LinkDropCause, number> = { random: 0, burst: 0, queue: 0, mtu: 0 };
  private samples = new Float64Array(1024);
  private count = 0;
  private seen = 0;
  /** Reservoir replacement only; it never touches the seeded decisions. */
  private pick = 0x2545f491;

  constructor(private readonly maxSamples = LINK_DELAY_SAMPLES_MAX) {}

  get droppedTotal(): number {
    const d = this.dropped;
    return d.random + d.burst + d.queue + d.mtu;
  }

  delay(ms: number): void {
    this.seen += 1;
    if (this.count < this.maxSamples) {
      if (this.count === this.samples.length) {
        const grown = new Float64Array(Math.min(this.maxSamples, this.samples.length * 2));
        grown.set(this.samples);
        this.samples = grown;
      }
      this.samples[this.count++] = ms;
      return;
    }
    // xorshift32: cheap and deterministic, so two runs report the same percentiles.
    this.pick ^= this.pick << 13;
    this.pick ^= this.pick >>> 17;
    this.pick ^= this.pick << 5;
    const j = (this.pick >>> 0) % this.seen;
    if (j < this.maxSamples) this.samples[j] = ms;
  }

  toStats(): LinkDirectionStats {
    const sorted = this.samples.slice(0, this.count).sort();
    return {
      packetsIn: this.packetsIn,
      bytesIn: this.bytesIn,
      packetsOut: this.packetsOut,
      bytesOut: this.bytesOut,
      dropped: { ...this.dropped },
      fragmented: this.fragmented,
      duplicated: this.duplicated,
      reordered: this.reordered,
      delayP50Ms: quantile(sorted, 0.5),
      delayP99Ms: quantile(sorted, 0.99),
    };
  }
}

/** Nearest-rank quantile of sorted values; null when there are none. */
export function quantile(sorted: ArrayLike<number>, q: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return Math.round(sorted[i]! * 1000) / 1000;
}
