import { describe, expect, it } from 'vitest';
import {
  batchEventJson,
  eventsMessageFromLines,
  eventsMessageJson,
} from '../../src-main/engine/event-json.js';
import { EventRecorder } from '../../src-main/engine/event-sink.js';
import type { LabEvent } from '../../src-shared/events.js';

function batchOf(n: number): LabEvent[] {
  const batch: LabEvent[] = [];
  const recorder = new EventRecorder((e) => batch.push(e));
  for (let i = 0; i < n; i++) {
    recorder.emit({
      endpoint: 'c1',
      role: 'client',
      proto: 'udp',
      kind: 'rx',
      bytes: i,
      detail: `a "quoted", \n line ${i}`,
    });
  }
  return batch;
}

describe('event JSON shared by journal and bridge', () => {
  it('builds exactly what JSON.stringify builds for the bridge message', () => {
    const batch = batchOf(5);
    expect(eventsMessageJson(batch)).toBe(JSON.stringify({ type: 'events', batch }));
    expect(eventsMessageJson([])).toBe(JSON.stringify({ type: 'events', batch: [] }));
  });

  it('serialises each batch once, whoever asks first', () => {
    const batch = batchOf(3);
    const first = batchEventJson(batch);
    expect(batchEventJson(batch)).toBe(first);
    expect(first.map((line) => JSON.parse(line) as LabEvent)).toEqual(batch);
  });

  it('re-sliced batches (browser mode merges them) build the same message from the journal strings', () => {
    const a = batchOf(4);
    const b = batchOf(3);
    const lines = [...batchEventJson(a).slice(2), ...batchEventJson(b)];
    const merged = [...a.slice(2), ...b];
    expect(eventsMessageFromLines(lines)).toBe(JSON.stringify({ type: 'events', batch: merged }));
  });
});
