// The link's scheduler: deadline order, one delivery per turn on 'yield', a 'block' until unblock().
import { describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { DeadlineQueue } from '../../../src-main/engine/link/deadline-queue.js';
import type { DeliverResult } from '../../../src-main/engine/link/deadline-queue.js';
import { waitUntil } from '../lab-fixtures.js';

const now = (): number => performance.now();

describe('DeadlineQueue', () => {
  it('delivers in deadline order, due items at once, later ones on time', async () => {
    const got: [string, number][] = [];
    const q = new DeadlineQueue<string>(now, (item) => {
      got.push([item, now()]);
      return 'continue';
    });
    const t0 = now();
    q.push(t0 + 30, 'c');
    q.push(t0 + 10, 'b');
    q.push(t0, 'a');
    expect(got.map(([x]) => x)).toEqual(['a']);
    await waitUntil(() => got.length === 3, 2000, 'all delivered');
    expect(got.map(([x]) => x)).toEqual(['a', 'b', 'c']);
    expect(got[1]![1] - t0).toBeGreaterThanOrEqual(10 - 0.3);
    expect(got[2]![1] - t0).toBeGreaterThanOrEqual(30 - 0.3);
  });

  it("'yield' delivers one item per event-loop turn", async () => {
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const got: number[] = [];
    const q = new DeadlineQueue<number>(now, (n) => {
      got.push(n);
      return 'yield';
    });
    const t0 = now();
    for (let i = 0; i < 5; i++) q.push(t0, i);
    expect(got).toEqual([0]);
    await waitUntil(() => got.length === 5, 2000, 'all delivered');
    clearInterval(ticker);
    expect(got).toEqual([0, 1, 2, 3, 4]);
  });

  it("'block' holds everything until unblock(); close() forgets the rest", () => {
    const got: number[] = [];
    let answer: DeliverResult = 'block';
    const q = new DeadlineQueue<number>(now, (n) => {
      got.push(n);
      return answer;
    });
    const t0 = now();
    q.push(t0, 1);
    q.push(t0, 2);
    expect(got).toEqual([1]);
    expect(q.isBlocked).toBe(true);
    answer = 'continue';
    q.unblock();
    expect(got).toEqual([1, 2]);
    q.push(t0 + 10_000, 3);
    q.close();
    expect(q.size).toBe(0);
  });
});
