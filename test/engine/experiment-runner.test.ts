import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findExperiment } from '../../src-shared/experiments/index.js';
import { ExperimentSchema } from '../../src-shared/experiments/experiment.js';
import { runExperiment, startExperiment } from '../../src-shared/experiments/run-experiment.js';
import { Lab } from '../../src-main/engine/lab.js';

describe('runExperiment', () => {
  let dir: string;
  let lab: Lab;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'netlab-experiment-test-'));
    lab = await Lab.create({ journalPath: join(dir, 'journal.ndjson') });
  });
  afterEach(async () => {
    await lab.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs TCP vs UDP end to end: every run has both ends’ summaries, every byte arrived', async () => {
    const experiment = findExperiment('tcp-vs-udp')!;
    const started: string[] = [];
    const result = await runExperiment(lab, experiment, { onRunStart: (run) => started.push(run.label) });
    expect(started).toEqual(experiment.runs.map((r) => r.label));
    for (const r of result.runs) {
      expect(r.error).toBeNull();
      expect(r.client?.bytes).toBe(r.client?.expected);
      expect(r.client?.proto).toBe(r.run.proto);
      expect(r.server?.role).toBe('server');
      expect(r.server?.bytes).toBe(r.client?.bytes);
    }
    // Nothing is left running after the experiment.
    const left = await lab.listEndpoints({});
    expect(left.ok && left.value).toEqual([]);
  });

  it('reports a run’s failure instead of hiding it, and goes on with the next run', async () => {
    const experiment = ExperimentSchema.parse({
      name: 'refusal',
      title: 'A file over the limit',
      summary: 'The server refuses a file above its limit.',
      lookAt: ['the refusal'],
      questions: ['Why?', 'What limit?'],
      runs: [
        { label: 'too big', proto: 'tcp', command: { type: 'file', chars: 999_999_999_999 } },
        { label: 'echo', proto: 'udp', command: { type: 'echo', text: 'still here' } },
      ],
    });
    const result = await runExperiment(lab, experiment);
    expect(result.runs[0]!.error?.message).toMatch(/limit/i);
    expect(result.runs[0]!.client?.reply).toMatch(/Server limit is/);
    expect(result.runs[1]!.error).toBeNull();
    expect(result.runs[1]!.client?.reply).toBe('STILL HERE');
  });

  it('stops between runs when cancelled', async () => {
    const experiment = findExperiment('tcp-vs-udp')!;
    let runs = 0;
    const result = await runExperiment(lab, experiment, { onRunStart: () => (runs += 1), cancelled: () => runs >= 1 });
    expect(result.runs).toHaveLength(1);
  });

  it('cancel stops the exchange in flight, keeps its partial summary, and starts no further run', async () => {
    const experiment = findExperiment('lossy-stream')!;
    const started: string[] = [];
    // The 10 s stream is under way (the client has segments): cancel it well before its end.
    const arriving = new Promise<void>((resolve) => {
      const off = lab.onEvents((batch) => {
        if (batch.some((e) => e.role === 'client' && e.kind === 'rx' && e.segment !== null)) {
          off();
          resolve();
        }
      });
    });
    const handle = startExperiment(lab, experiment, { onRunStart: (run) => started.push(run.label) });
    await arriving;
    const t0 = Date.now();
    handle.cancel();
    const result = await handle.result;
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(result.cancelled).toBe(true);
    expect(started).toEqual([experiment.runs[0]!.label]);
    expect(result.runs).toHaveLength(1);
    expect(result.runs[0]!.client?.end).toBe('cancelled');
    expect(result.runs[0]!.client!.segmentsReceived).toBeLessThan(1000);
    const left = await lab.listEndpoints({});
    expect(left.ok && left.value).toEqual([]);
  });
});
