// Event pipeline benchmark, in its own process: events emitted in a worker thread through the
// engine's worker path (WorkerSink → BatchPoster → postMessage → WorkerHost), merged by the Lab
// (EventBatcher ordering and numbering them), appended to its session Journal (subscribed first)
// and serialised as the bridge's JSON events message — the path every packet event takes.
// Usage: pipeline.ts EVENTS JOURNAL_PATH → one JSON line on stdout.
import { performance } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { eventsMessageJson } from '../../src-main/engine/event-json.js';
import { Lab } from '../../src-main/engine/lab.js';

async function main(): Promise<void> {
  const total = Number(process.argv[2]);
  const journalPath = process.argv[3]!;
  if (!Number.isSafeInteger(total) || total < 1 || !journalPath)
    throw new Error('usage: pipeline.ts EVENTS JOURNAL');
  // The pipeline's full cost is measured: no size cap, every event is written.
  const lab = await Lab.create({
    journalPath,
    journalMaxBytes: Number.POSITIVE_INFINITY,
    workerEntry: join(__dirname, 'pipeline-worker.ts'),
  });
  let payloadBytes = 0;
  let delivered = 0;
  let batches = 0;
  lab.onEvents((batch) => {
    payloadBytes += eventsMessageJson(batch).length;
    delivered += batch.length;
    batches += 1;
  });
  const opened = await lab.openClient({ proto: 'udp', host: '127.0.0.1', port: 9 });
  if (!opened.ok) throw new Error(opened.error.message);
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const sent = await lab.send({
    endpointId: opened.value.id,
    command: { type: 'stream', intervalMs: 0, count: total, size: 1 },
  });
  if (!sent.ok) throw new Error(sent.error.message);
  lab.flushEvents();
  const ms = performance.now() - started;
  // Process-wide: the worker thread's CPU counts too.
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const journalCount = lab.journalEventCount;
  await lab.close();
  rmSync(journalPath, { force: true });
  process.stdout.write(
    `${JSON.stringify({ events: total, delivered, journalEvents: journalCount, payloadBytes, batches, ms, cpuMs })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
