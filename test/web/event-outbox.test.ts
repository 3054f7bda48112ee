import { afterEach, describe, expect, it } from 'vitest';
import type { LabEvent } from '../../src-shared/events.js';
import {
  EventOutbox,
  OUTBOX_HIGH_WATER_BYTES,
  OUTBOX_MAX_EVENTS_PER_MESSAGE,
  OUTBOX_MAX_PENDING_EVENTS,
} from '../../src-main/web/event-outbox.js';
import type { OutboxSocket } from '../../src-main/web/event-outbox.js';

const WAIT_MS = 2000;

function event(seq: number, kind: LabEvent['kind'] = 'rx'): LabEvent {
  return {
    seq,
    t: seq,
    time: new Date(0).toISOString(),
    endpoint: 'c1',
    role: 'client',
    proto: 'udp',
    kind,
    exchange: 'x1',
    command: 'file',
    local: '127.0.0.1:1',
    remote: '127.0.0.1:2',
    bytes: 1120,
    segment: null,
    detail: '',
  };
}

/** A socket whose unsent-bytes figure the test sets, recording every batch "sent". */
class FakeSocket implements OutboxSocket {
  bufferedAmount = 0;
  open = true;
  sent: LabEvent[][] = [];
  private waiters: (() => void)[] = [];
  isOpen(): boolean {
    return this.open;
  }
  sendBatch(batch: LabEvent[]): void {
    this.sent.push(batch);
    for (const w of this.waiters.splice(0)) w();
  }
  nextSend(): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no batch sent in time')), WAIT_MS);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  get seqs(): number[] {
    return this.sent.flat().map((e) => e.seq);
  }
}

const range = (from: number, n: number): LabEvent[] => Array.from({ length: n }, (_, i) => event(from + i));

describe('EventOutbox', () => {
  let outbox: EventOutbox | null = null;
  afterEach(() => outbox?.close());

  it('merges the batches of one tick into one message, in order', async () => {
    const socket = new FakeSocket();
    outbox = new EventOutbox(socket);
    outbox.push(range(1, 3));
    outbox.push(range(4, 2));
    await socket.nextSend();
    expect(socket.sent).toHaveLength(1);
    expect(socket.seqs).toEqual([1, 2, 3, 4, 5]);
  });

  it('caps the events per message', async () => {
    const socket = new FakeSocket();
    outbox = new EventOutbox(socket);
    outbox.push(range(1, OUTBOX_MAX_EVENTS_PER_MESSAGE * 2 + 1));
    await socket.nextSend();
    expect(socket.sent.map((b) => b.length)).toEqual([
      OUTBOX_MAX_EVENTS_PER_MESSAGE,
      OUTBOX_MAX_EVENTS_PER_MESSAGE,
      1,
    ]);
  });

  it('holds and merges batches while the socket is backed up, then sends them as one', async () => {
    const socket = new FakeSocket();
    socket.bufferedAmount = OUTBOX_HIGH_WATER_BYTES + 1;
    outbox = new EventOutbox(socket);
    outbox.push(range(1, 10));
    await new Promise((r) => setImmediate(r));
    outbox.push(range(11, 10));
    expect(socket.sent).toHaveLength(0);
    expect(outbox.pendingCount).toBe(20);
    socket.bufferedAmount = 0;
    await socket.nextSend();
    expect(socket.sent).toHaveLength(1);
    expect(socket.seqs).toEqual(range(1, 20).map((e) => e.seq));
  });

  it('stays bounded for a client that never drains, keeping summaries and errors', () => {
    const socket = new FakeSocket();
    socket.bufferedAmount = OUTBOX_HIGH_WATER_BYTES + 1;
    const drops: number[] = [];
    outbox = new EventOutbox(socket, (n) => drops.push(n));
    outbox.push([event(1, 'summary'), event(2, 'error')]);
    outbox.push(range(3, OUTBOX_MAX_PENDING_EVENTS * 2));
    expect(outbox.pendingCount).toBeLessThanOrEqual(OUTBOX_MAX_PENDING_EVENTS);
    expect(outbox.dropped).toBeGreaterThan(OUTBOX_MAX_PENDING_EVENTS);
    expect(drops.reduce((a, b) => a + b, 0)).toBe(outbox.dropped);
  });

  it('keeps the oldest summary when it sheds packet events', async () => {
    const socket = new FakeSocket();
    socket.bufferedAmount = OUTBOX_HIGH_WATER_BYTES + 1;
    outbox = new EventOutbox(socket);
    outbox.push([event(1, 'summary')]);
    outbox.push(range(2, OUTBOX_MAX_PENDING_EVENTS + 10));
    socket.bufferedAmount = 0;
    await socket.nextSend();
    expect(socket.sent[0]![0]!.kind).toBe('summary');
  });

  it('sends nothing after close or to a closed socket', async () => {
    const socket = new FakeSocket();
    socket.open = false;
    outbox = new EventOutbox(socket);
    outbox.push(range(1, 5));
    await new Promise((r) => setImmediate(r));
    expect(socket.sent).toHaveLength(0);
    outbox.close();
    outbox.push(range(6, 5));
    expect(outbox.pendingCount).toBe(0);
  });
});
