import { afterEach, describe, expect, it } from 'vitest';
import type { LabEvent } from '../../src-shared/events.js';
import { EventBatcher } from '../../src-main/engine/event-batcher.js';
import { EventRecorder } from '../../src-main/engine/event-sink.js';

function recorderInto(batcher: EventBatcher): EventRecorder {
  return new EventRecorder((e) => batcher.push(e));
}

function emitMany(recorder: EventRecorder, count: number): void {
  for (let i = 0; i < count; i++) {
    recorder.emit({ endpoint: 'cli-1', role: 'client', proto: 'udp', kind: 'rx', bytes: 1120, segment: i });
  }
}

/** Resolves once `total` events arrived, or rejects after a bounded wait. */
function collect(batcher: EventBatcher, total: number): Promise<LabEvent[][]> {
  const batches: LabEvent[][] = [];
  let seen = 0;
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`only ${seen} of ${total} events arrived`)), 5000);
    batcher.onEvents((batch) => {
      batches.push(batch);
      seen += batch.length;
      if (seen >= total) {
        clearTimeout(timeout);
        resolve(batches);
      }
    });
  });
}

describe('EventBatcher', () => {
  let batcher: EventBatcher;
  afterEach(() => batcher.close());

  it('delivers a burst of many events in a few batches, in order', async () => {
    batcher = new EventBatcher({ intervalMs: 25, maxEvents: 2000 });
    const arrived = collect(batcher, 10_000);
    emitMany(recorderInto(batcher), 10_000);
    const batches = await arrived;
    expect(batches.length).toBeLessThanOrEqual(6);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(2000);
    const seqs = batches.flat().map((e) => e.seq);
    expect(seqs).toHaveLength(10_000);
    seqs.forEach((s, i) => expect(s).toBe(i + 1));
  });

  it('batches events spread over time by the interval, not one callback each', async () => {
    batcher = new EventBatcher({ intervalMs: 25 });
    const recorder = recorderInto(batcher);
    const arrived = collect(batcher, 400);
    const started = performance.now();
    // 400 events, 20 every millisecond-ish tick: about 20 ticks of timer time.
    for (let tick = 0; tick < 20; tick++) {
      emitMany(recorder, 20);
      await new Promise((r) => setTimeout(r, 1));
    }
    const batches = await arrived;
    const elapsedMs = performance.now() - started;
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(elapsedMs / 25) + 2);
    expect(batches.length).toBeLessThan(20);
    const seqs = batches.flat().map((e) => e.seq);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]!);
  });

  it('keeps delivering to other listeners when one throws, and stops after unsubscribe', async () => {
    const errors: unknown[] = [];
    batcher = new EventBatcher({ intervalMs: 5, onListenerError: (e) => errors.push(e) });
    batcher.onEvents(() => {
      throw new Error('listener bug');
    });
    const counted: number[] = [];
    const unsubscribe = batcher.onEvents((b) => counted.push(b.length));
    const arrived = collect(batcher, 3);
    emitMany(recorderInto(batcher), 3);
    await arrived;
    expect(counted).toEqual([3]);
    expect(errors).toHaveLength(1);
    unsubscribe();
    const recorder = recorderInto(batcher);
    const again = collect(batcher, 1);
    recorder.emit({ endpoint: 'srv-1', role: 'server', proto: 'tcp', kind: 'accept' });
    await again;
    expect(counted).toEqual([3]);
  });

  it('flush() delivers at once and close() delivers what is pending', () => {
    batcher = new EventBatcher({ intervalMs: 10_000 });
    const sizes: number[] = [];
    batcher.onEvents((b) => sizes.push(b.length));
    const recorder = recorderInto(batcher);
    emitMany(recorder, 2);
    batcher.flush();
    emitMany(recorder, 3);
    batcher.close();
    expect(sizes).toEqual([2, 3]);
  });
});
