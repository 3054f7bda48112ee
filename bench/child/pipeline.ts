// Event pipeline benchmark, in its own process: events stamped by the engine's EventRecorder,
// batched by its EventBatcher, appended to the session Journal (subscribed first, as in Lab) and
// serialised as the bridge's JSON events message — the path every packet event takes.
// Usage: pipeline.ts EVENTS JOURNAL_PATH → one JSON line on stdout.
import { performance } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import { EventBatcher } from '../../src-main/engine/event-batcher.js';
import { eventsMessageJson } from '../../src-main/engine/event-json.js';
import { EventRecorder } from '../../src-main/engine/event-sink.js';
import { Journal } from '../../src-main/engine/journal.js';
import { syntheticEvent } from './synthetic-events.js';

const YIELD_EVERY_EVENTS = 10_000;

async function main(): Promise<void> {
  const total = Number(process.argv[2]);
  const journalPath = process.argv[3]!;
  if (!Number.isSafeInteger(total) || total < 1 || !journalPath)
    throw new Error('usage: pipeline.ts EVENTS JOURNAL');
  // The pipeline's full cost is measured: no size cap, every event is written.
  const journal = Journal.open({ path: journalPath, maxBytes: Number.POSITIVE_INFINITY });
  const batcher = new EventBatcher();
  let payloadBytes = 0;
  let delivered = 0;
  let batches = 0;
  batcher.onEvents((batch) => journal.append(batch));
  batcher.onEvents((batch) => {
    payloadBytes += eventsMessageJson(batch).length;
    delivered += batch.length;
    batches += 1;
  });
  const recorder = new EventRecorder((e) => batcher.push(e));
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < total; i++) {
    recorder.emit(syntheticEvent(i));
    // Let the batcher's timer run now and then, as it would between packets.
    if (i % YIELD_EVERY_EVENTS === YIELD_EVERY_EVENTS - 1) await new Promise((r) => setImmediate(r));
  }
  batcher.flush();
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  // CPU time too: on a shared machine it shows what the pipeline costs when wall time does not.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const journalEvents = journal.eventCount;
  const journalBytes = journal.bytesWritten;
  journal.close();
  rmSync(journalPath, { force: true });
  process.stdout.write(
    `${JSON.stringify({ events: total, delivered, journalEvents, journalBytes, payloadBytes, batches, ms, cpuMs })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
