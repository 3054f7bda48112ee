// Pure parts of the clients, fed bytes directly: every split point, every counting rule.
import { describe, expect, it } from 'vitest';
import { ExchangeStats } from '../../src-main/engine/client/exchange-stats.js';
import { PreparedSplitter } from '../../src-main/engine/client/prepared-splitter.js';
import { planRequest } from '../../src-main/engine/client/request-plan.js';
import { SegmentFramer } from '../../src-main/engine/client/segment-framer.js';
import { SequenceTracker } from '../../src-main/engine/client/sequence-tracker.js';
import { segment } from '../helpers/raw-servers.js';

/** Feeds `data` to `push` cut at the given offsets. */
function feed<T>(data: Buffer, cuts: number[], push: (chunk: Buffer) => T): T[] {
  const out: T[] = [];
  let from = 0;
  for (const cut of [...cuts, data.length]) {
    out.push(push(data.subarray(from, cut)));
    from = cut;
  }
  return out;
}

describe('PreparedSplitter', () => {
  const payload = Buffer.alloc(40, 'A');
  const wire = Buffer.concat([Buffer.from('file_prepared'), payload]);

  it('splits the marker from payload at every single cut point', () => {
    for (let cut = 0; cut <= wire.length; cut++) {
      const splitter = new PreparedSplitter();
      const parts = feed(wire, [cut], (c) => splitter.push(c)).filter((p): p is Buffer => p !== null);
      expect(splitter.state).toBe('prepared');
      expect(Buffer.concat(parts).equals(payload)).toBe(true);
    }
  });

  it('handles the marker one byte per read', () => {
    const splitter = new PreparedSplitter();
    const cuts = Array.from({ length: 14 }, (_, i) => i + 1);
    const parts = feed(wire, cuts, (c) => splitter.push(c)).filter((p): p is Buffer => p !== null);
    expect(Buffer.concat(parts).length).toBe(payload.length);
  });

  it('takes an error line for a reply, never payload, even when it is cut', () => {
    const line = Buffer.from('Request for file of 999 chars. Server limit is: 10 chars.');
    for (const cut of [0, 1, 5, 30]) {
      const splitter = new PreparedSplitter();
      const parts = feed(line, [cut], (c) => splitter.push(c));
      expect(parts.every((p) => p === null)).toBe(true);
      expect(splitter.state).toBe('reply');
      expect(splitter.reply.text()).toBe(line.toString());
    }
  });

  it('keeps a reply that shares a prefix with the marker', () => {
    const splitter = new PreparedSplitter();
    feed(Buffer.from('file not found'), [3], (c) => splitter.push(c));
    expect(splitter.reply.text()).toBe('file not found');
  });
});

describe('SegmentFramer', () => {
  const size = 8;
  const stream = Buffer.concat([12, 11, 10, 9, 8].map((n) => segment(n, size)));

  it('finds every head whatever the read boundaries', () => {
    for (let a = 0; a < stream.length; a++) {
      for (const b of [a, a + 1, a + 3, a + 9]) {
        const seen: (number | null)[] = [];
        const framer = new SegmentFramer(size, (n) => seen.push(n));
        feed(stream, [a, Math.min(b, stream.length)], (c) => framer.push(c));
        framer.flush();
        expect(seen).toEqual([12, 11, 10, 9, 8]);
      }
    }
  });

  it('reports the first head of each read', () => {
    const framer = new SegmentFramer(size, () => undefined);
    const firsts = feed(stream, [1, 17, 20], (c) => framer.push(c));
    // "1" of 12 is cut: the first read completes no head; the second completes 12 (and 11),
    // then ends inside the head "10", which the third read completes.
    expect(firsts).toEqual([null, 12, 10, 9]);
  });

  it('reports headless segments (sequence numbers off) as null', () => {
    const seen: (number | null)[] = [];
    const framer = new SegmentFramer(4, (n) => seen.push(n));
    framer.push(Buffer.alloc(12, 'A'));
    expect(seen).toEqual([null, null, null]);
  });

  it('handles a number that fills the whole segment', () => {
    const seen: (number | null)[] = [];
    const framer = new SegmentFramer(3, (n) => seen.push(n));
    feed(Buffer.from('123122121'), [4], (c) => framer.push(c));
    expect(seen).toEqual([123, 122, 121]);
  });
});

describe('SequenceTracker', () => {
  it('counts missing, out of order and duplicated (counting down)', () => {
    const t = new SequenceTracker(6);
    for (const n of [6, 5, 3, 4, 4, 1]) t.note(n);
    expect(t.distinct).toBe(5);
    expect(t.missing).toBe(1);
    expect(t.missingSample()).toEqual([2]);
    expect(t.outOfOrder).toBe(1);
    expect(t.duplicated).toBe(1);
    expect(t.complete).toBe(false);
  });

  it('samples at most 100 missing numbers in sending order', () => {
    const t = new SequenceTracker(1000);
    t.note(1000);
    expect(t.missing).toBe(999);
    const sample = t.missingSample();
    expect(sample).toHaveLength(100);
    expect(sample[0]).toBe(999);
    expect(sample[99]).toBe(900);
  });

  it('sets aside numbers outside 1..count', () => {
    const t = new SequenceTracker(3);
    for (const n of [0, 4, 3]) t.note(n);
    expect(t.outOfRange).toBe(2);
    expect(t.distinct).toBe(1);
  });
});

describe('planRequest', () => {
  it('classifies the text as the server will', () => {
    expect(planRequest({ type: 'echo', text: 'hello' }, 'tcp')).toMatchObject({ kind: 'echo', expected: 5 });
    expect(planRequest({ type: 'echo', text: '123' }, 'tcp')).toMatchObject({ kind: 'file', expected: 123 });
    expect(planRequest({ type: 'file', chars: 0 }, 'tcp')).toMatchObject({ kind: 'bad', expected: null });
    expect(planRequest({ type: 'echo', text: '  ' }, 'udp')).toMatchObject({ kind: null });
    const stream = planRequest({ type: 'stream', intervalMs: 10, count: 200, size: 100 }, 'udp');
    expect(stream).toMatchObject({ kind: 'stream', expected: 20_000, stream: { count: 200, size: 100 } });
    expect(stream.wire.toString()).toBe('stream-10.0-200-100\n');
    expect(planRequest({ type: 'stream', intervalMs: 0, count: 1, size: 70_000 }, 'udp').kind).toBe('bad');
  });

  it('counts echo bytes in UTF-8', () => {
    expect(planRequest({ type: 'echo', text: 'héllo' }, 'tcp').expected).toBe(6);
  });
});

describe('ExchangeStats', () => {
  const init = {
    exchange: 'x1',
    endpoint: 'c1',
    proto: 'udp' as const,
    command: 'stream' as const,
    request: 'stream-10.0-4-10',
    expected: 40,
    stream: { count: 4, size: 10 },
    trackSequence: true,
  };
  const end = { end: 'idle-timeout' as const, error: null, reply: null, local: 'a:1', remote: 'b:2' };

  it('times to the last payload byte and derives loss and throughput', () => {
    const stats = new ExchangeStats(init);
    stats.requestSent(100);
    for (const [n, t] of [
      [4, 110],
      [3, 120],
      [1, 150],
    ] as const) {
      stats.sequence!.note(n);
      stats.datagrams++;
      stats.payload(10, t);
    }
    const s = stats.build(end);
    expect(s).toMatchObject({
      bytes: 30,
      lost: 10,
      durationMs: 50,
      throughputBps: 600,
      datagrams: 3,
      reads: 0,
    });
    expect(s).toMatchObject({ segmentsExpected: 4, segmentsReceived: 3, missing: 1, missingSample: [2] });
  });

  it('counts segments by bytes when the server sends no numbers (TCP)', () => {
    const stats = new ExchangeStats({ ...init, proto: 'tcp' });
    stats.requestSent(0);
    stats.payload(35, 5);
    expect(stats.build(end)).toMatchObject({ segmentsReceived: 3, missing: 1, missingSample: [] });
  });

  it('adopts a capped stream count over TCP', () => {
    const stats = new ExchangeStats({ ...init, stream: { count: 100, size: 10 }, expected: 1000 });
    expect(stats.adoptStreamCount(4)).toBe(true);
    expect(stats.expected).toBe(40);
  });
});
