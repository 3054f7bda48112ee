// CSV export benchmark, in its own process so its peak RSS (VmHWM) is the export's alone.
// Usage: csv-journal.ts gen JOURNAL EVENTS | csv-journal.ts export JOURNAL OUT.csv
// → one JSON line on stdout.
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { LabEvent } from '../../src-shared/events.js';
import { exportJournalCsv } from '../../src-main/engine/csv-export.js';
import { EventRecorder } from '../../src-main/engine/event-sink.js';
import { Journal } from '../../src-main/engine/journal.js';
import { readProcMemory } from '../lib/proc-mem.js';
import { syntheticEvent } from './synthetic-events.js';

const GEN_BATCH_EVENTS = 2000;

function generate(path: string, total: number): void {
  const journal = Journal.open(path);
  let batch: LabEvent[] = [];
  const recorder = new EventRecorder((e) => batch.push(e));
  for (let i = 0; i < total; i++) {
    recorder.emit(syntheticEvent(i));
    if (batch.length >= GEN_BATCH_EVENTS) {
      journal.append(batch);
      batch = [];
    }
  }
  journal.append(batch);
  const events = journal.eventCount;
  journal.close();
  process.stdout.write(`${JSON.stringify({ events, bytes: statSync(path).size })}\n`);
}

async function exportCsv(journal: string, out: string): Promise<void> {
  const started = performance.now();
  const rows = await exportJournalCsv(journal, statSync(journal).size, out);
  const ms = performance.now() - started;
  const peakRssMB = readProcMemory('self')?.peakRssMB ?? null;
  process.stdout.write(`${JSON.stringify({ rows, ms, peakRssMB, csvBytes: statSync(out).size })}\n`);
}

async function main(): Promise<void> {
  const [mode, path, arg] = process.argv.slice(2);
  if (mode === 'gen' && path && arg) generate(path, Number(arg));
  else if (mode === 'export' && path && arg) await exportCsv(path, arg);
  else throw new Error('usage: csv-journal.ts gen JOURNAL EVENTS | export JOURNAL OUT');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
