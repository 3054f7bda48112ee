// The column encoding events cross threads in must give back exactly the events it was given.
import { describe, expect, it } from 'vitest';
import type { ExchangeSummary, LabEvent } from '../../src-shared/events.js';
import { decodeEvents, encodeEvents } from '../../src-main/engine/worker/event-columns.js';
import { makeEvent } from './lab-fixtures.js';

describe('event columns', () => {
  it('round-trips events with nulls, odd text and a summary', () => {
    const summary = { exchange: 'x1.1', bytes: 5 } as ExchangeSummary;
    const events: LabEvent[] = [
      { ...makeEvent(0), exchange: null, command: null, bytes: null, segment: null, detail: '' },
      { ...makeEvent(1), detail: 'a "quoted", comma\nnewline — ünïcode', t: 0.000123 },
      { ...makeEvent(2), kind: 'summary' as const, bytes: 0, segment: 0, summary },
      ...Array.from({ length: 50 }, (_, i) => makeEvent(3 + i)),
    ].map((e) => ({ ...e, seq: 0 }));
    const decoded = decodeEvents(structuredClone(encodeEvents(events)));
    expect(decoded).toEqual(events);
    expect(decoded[0]).not.toHaveProperty('summary');
  });

  it('sends each repeated string once per batch', () => {
    const columns = encodeEvents(Array.from({ length: 1000 }, (_, i) => ({ ...makeEvent(i), time: 'same' })));
    // time, 2 endpoints, 2 roles, proto, kind, 2 exchanges, command, local, remote.
    expect(columns.table.length).toBeLessThanOrEqual(12);
  });
});
