// Each event batch is serialised once: the journal's NDJSON lines and the bridge's JSON message
// are built from the same per-event strings. JSON.stringify is the pipeline's largest cost
// (~1.7 µs of ~3.5 µs per event), so doing it twice per event halved the events/s.
import type { BridgeEvents } from '../../src-shared/bridge.js';
import type { LabEvent } from '../../src-shared/events.js';

/** Keyed by the batch array the EventBatcher hands every listener; gone with the batch. */
const linesByBatch = new WeakMap<readonly LabEvent[], string[]>();

/** JSON.stringify of each event of `batch`, computed on the first call for that batch. */
export function batchEventJson(batch: readonly LabEvent[]): string[] {
  let lines = linesByBatch.get(batch);
  if (lines === undefined) {
    lines = batch.map((event) => JSON.stringify(event));
    linesByBatch.set(batch, lines);
  }
  return lines;
}

/** Exactly JSON.stringify({ type: 'events', batch }), from the shared per-event strings. */
export function eventsMessageJson(batch: readonly LabEvent[]): string {
  return eventsMessageFromLines(batchEventJson(batch));
}

/** The same message from per-event strings re-sliced out of several batches (browser mode). */
export function eventsMessageFromLines(lines: readonly string[]): string {
  const type: BridgeEvents['type'] = 'events';
  return `{"type":"${type}","batch":[${lines.join(',')}]}`;
}
