// The link's pure models with fixed seeds: rates inside binomial bounds, burst lengths, order,
// jitter bounds, the token bucket, the slicer, and the same seed giving the same decisions.
import { describe, expect, it } from 'vitest';
import { DirectionConditionsSchema } from '../../../src-shared/link/conditions.js';
import { DelayModel } from '../../../src-shared/link/delay.js';
import { chance, LossModel } from '../../../src-shared/link/loss.js';
import { checkMtu, ipPacketBytes } from '../../../src-shared/link/mtu.js';
import { linkRandom, mulberry32 } from '../../../src-shared/link/prng.js';
import { RateQueue } from '../../../src-shared/link/rate-queue.js';
import { Slicer } from '../../../src-shared/link/slicer.js';
import { DirectionCounter, quantile } from '../../../src-shared/link/stats.js';

const N = 100_000;

/** 4σ of a binomial count: a fixed seed passes or fails forever, so the band can be generous. */
function band(n: number, p: number): [number, number] {
  const sd = Math.sqrt(n * p * (1 - p));
  return [n * p - 4 * sd, n * p + 4 * sd];
}

describe('mulberry32', () => {
  it('matches the canonical C implementation (uint32 arithmetic) for seeds 0 and 42', () => {
    const words = (seed: number): number[] => {
      const r = mulberry32(seed);
      return [r(), r(), r()].map((x) => x * 4_294_967_296);
    };
    // Printed by the reference C code (Tommy Ettinger's mulberry32) compiled with gcc.
    expect(words(0)).toEqual([1144304738, 1416247, 958946056]);
    expect(words(42)).toEqual([2581720956, 1925393290, 3661312704]);
  });

  it('is uniform in [0, 1)', () => {
    const r = mulberry32(7);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < N; i++) {
      const x = r();
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
    }
    expect(outside).toBe(0);
    expect(sum / N).toBeCloseTo(0.5, 2);
  });

  it('gives every model its own stream, and neighbouring seeds unrelated ones', () => {
    const a = linkRandom(1, 'upstream', 'loss');
    const b = linkRandom(1, 'downstream', 'loss');
    const c = linkRandom(2, 'upstream', 'loss');
    const d = linkRandom(1, 'upstream', 'jitter');
    const xs = [a(), b(), c(), d()];
    expect(new Set(xs).size).toBe(4);
  });
});

describe('LossModel', () => {
  it('Bernoulli loss stays within binomial bounds', () => {
    const loss = new LossModel({ lossPct: 10, burst: null }, linkRandom(42, 'upstream', 'loss'));
    let dropped = 0;
    for (let i = 0; i < N; i++) if (loss.next() === 'random') dropped++;
    const [lo, hi] = band(N, 0.1);
    expect(dropped).toBeGreaterThan(lo);
    expect(dropped).toBeLessThan(hi);
  });

  it('the same seed drops the same datagrams', () => {
    const run = (seed: number): number[] => {
      const loss = new LossModel({ lossPct: 5, burst: null }, linkRandom(seed, 'upstream', 'loss'));
      const out: number[] = [];
      for (let i = 0; i < 10_000; i++) if (loss.next()) out.push(i);
      return out;
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });

  it('Gilbert–Elliott bursts last 100 / badToGoodPct datagrams on average', () => {
    const burst = { goodToBadPct: 1, badToGoodPct: 25, badLossPct: 100 };
    const loss = new LossModel({ lossPct: 0, burst }, linkRandom(3, 'downstream', 'loss'));
    const runs: number[] = [];
    let run = 0;
    let random = 0;
    for (let i = 0; i < N; i++) {
      const cause = loss.next();
      if (cause === 'random') random++;
      if (cause) run++;
      else if (run > 0) {
        runs.push(run);
        run = 0;
      }
    }
    expect(random).toBe(0);
    const mean = runs.reduce((a, b) => a + b, 0) / runs.length;
    expect(mean).toBeGreaterThan(4 * 0.9);
    expect(mean).toBeLessThan(4 * 1.1);
    // Stationary share of the bad state: p / (p + r) = 1 / 26.
    const lossRate = runs.reduce((a, b) => a + b, 0) / N;
    expect(lossRate).toBeGreaterThan((1 / 26) * 0.85);
    expect(lossRate).toBeLessThan((1 / 26) * 1.15);
  });

  it('duplication chance is binomial', () => {
    const dup = chance(1, linkRandom(9, 'upstream', 'dup'));
    let n = 0;
    for (let i = 0; i < N; i++) if (dup()) n++;
    const [lo, hi] = band(N, 0.01);
    expect(n).toBeGreaterThan(lo);
    expect(n).toBeLessThan(hi);
  });
});

describe('DelayModel', () => {
  const c = (over: object) => DirectionConditionsSchema.parse(over);

  it('keeps jitter within ± jitterMs and keeps order without reordering', () => {
    const m = new DelayModel(c({ delayMs: 50, jitterMs: 10 }), linkRandom(1, 'upstream', 'jitter'), linkRandom(1, 'upstream', 'reorder'));
    let last = -Infinity;
    let disorder = 0;
    const applied: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      const sent = i * 20; // 20 ms apart: more than the 20 ms jitter spread, so order costs nothing
      const d = m.next(sent);
      if (d.reordered || d.at < last) disorder++;
      last = d.at;
      applied.push(d.at - sent);
    }
    expect(disorder).toBe(0);
    expect(Math.min(...applied)).toBeGreaterThanOrEqual(40);
    expect(Math.max(...applied)).toBeLessThanOrEqual(60);
    const sorted = applied.sort((a, b) => a - b);
    expect(quantile(sorted, 0.5)!).toBeCloseTo(50, 0);
  });

  it('never lets a packet overtake an earlier one when jitter exceeds the gap', () => {
    const m = new DelayModel(c({ delayMs: 5, jitterMs: 5 }), linkRandom(2, 'upstream', 'jitter'), linkRandom(2, 'upstream', 'reorder'));
    let last = -Infinity;
    let overtakes = 0;
    for (let i = 0; i < 10_000; i++) {
      const d = m.next(i * 0.1);
      if (d.at < last) overtakes++;
      last = d.at;
    }
    expect(overtakes).toBe(0);
  });

  it('holds back reorderPct of packets by the extra delay, so later ones overtake', () => {
    const m = new DelayModel(c({ reorderPct: 2, reorderDelayMs: 10 }), linkRandom(4, 'upstream', 'jitter'), linkRandom(4, 'upstream', 'reorder'));
    let held = 0;
    let overtaken = 0;
    const ats: number[] = [];
    for (let i = 0; i < N; i++) {
      const d = m.next(i);
      if (d.reordered) {
        held++;
        expect(d.at).toBe(i + 10);
      }
      ats.push(d.at);
    }
    for (let i = 1; i < ats.length; i++) if (ats[i]! < ats[i - 1]!) overtaken++;
    const [lo, hi] = band(N, 0.02);
    expect(held).toBeGreaterThan(lo);
    expect(held).toBeLessThan(hi);
    expect(overtaken).toBeGreaterThan(0);
  });
});

describe('RateQueue', () => {
  it('sends at the rate: 1 MB at 1 MB/s leaves after 1 s', () => {
    const q = new RateQueue(1_000_000, 10_000_000);
    let done = 0;
    for (let i = 0; i < 1000; i++) done = q.admit(1000, 0);
    expect(done).toBeCloseTo(1000, 6);
    expect(q.backlogBytes(500)).toBeCloseTo(500_000, 3);
    expect(q.backlogBytes(1000)).toBe(0);
  });

  it('tail-drops what does not fit in the queue', () => {
    const q = new RateQueue(1_000_000, 10_000);
    let accepted = 0;
    for (let i = 0; i < 100; i++) {
      if (q.fits(1000, 0)) {
        q.admit(1000, 0);
        accepted++;
      }
    }
    expect(accepted).toBe(10);
    // 1 ms later one datagram's worth has left.
    expect(q.fits(1000, 1)).toBe(true);
  });

  it('off at rate 0: everything passes at once', () => {
    const q = new RateQueue(0, 1);
    expect(q.fits(65_000, 0)).toBe(true);
    expect(q.admit(65_000, 3)).toBe(3);
  });
});

describe('Slicer', () => {
  it('cuts into S ± V byte slices that add up', () => {
    const s = new Slicer(100, 50, linkRandom(5, 'downstream', 'slice'));
    const sizes = s.cut(100_000);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(100_000);
    for (const n of sizes.slice(0, -1)) {
      expect(n).toBeGreaterThanOrEqual(50);
      expect(n).toBeLessThanOrEqual(150);
    }
    expect(new Set(sizes).size).toBeGreaterThan(50);
  });

  it('without variation every slice but the last is S', () => {
    const s = new Slicer(7, 0, linkRandom(5, 'downstream', 'slice'));
    expect(s.cut(30)).toEqual([7, 7, 7, 7, 2]);
  });
});

describe('MTU', () => {
  it('counts 28 bytes of IPv4 + UDP header', () => {
    const c = { mtuBytes: 1500, mtuAction: 'drop' as const };
    expect(ipPacketBytes(1472, false)).toBe(1500);
    expect(checkMtu(1472, c)).toBe('ok');
    expect(checkMtu(1473, c)).toBe('drop');
    expect(checkMtu(1473, { ...c, mtuAction: 'fragment' })).toBe('fragment');
    expect(checkMtu(60_000, { mtuBytes: 0, mtuAction: 'drop' })).toBe('ok');
  });
});

describe('DirectionCounter', () => {
  it('reports p50 / p99 of applied delays, bounded in memory', () => {
    const c = new DirectionCounter(1000);
    for (let i = 1; i <= 10_000; i++) c.delay(i % 100);
    const s = c.toStats();
    expect(s.delayP50Ms).toBeGreaterThan(40);
    expect(s.delayP50Ms).toBeLessThan(60);
    expect(s.delayP99Ms).toBeGreaterThanOrEqual(95);
  });
});
