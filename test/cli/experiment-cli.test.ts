import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../../src-shared/experiments/index.js';
import { SUMMARY_CSV_COLUMNS } from '../../src-shared/summary-csv.js';
import { runCli } from './run-cli.js';

describe('netlab experiment', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'netlab-experiment-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('list --json names every built-in experiment', async () => {
    const r = await runCli(['experiment', 'list', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { name: string; title: string }[];
    expect(list.map((e) => e.name)).toEqual(EXPERIMENTS.map((e) => e.name));
  });

  it('run prints both protocols side by side with the questions, and a numeric summary CSV', async () => {
    const csv = join(dir, 'report.csv');
    const r = await runCli(['experiment', 'run', 'tcp-vs-udp', '--summary-csv', csv]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/TCP file\s+UDP file/);
    expect(r.stdout).toMatch(/file 1000000 over TCP\s+file 1000000 over UDP/);
    expect(r.stdout).toMatch(/Questions:\n\s+1\. /);
    const rows = parse(readFileSync(csv, 'utf8'), { columns: true, cast: true }) as Record<string, unknown>[];
    expect(Object.keys(rows[0]!)).toEqual([...SUMMARY_CSV_COLUMNS]);
    // Client and server of each of the four runs.
    expect(rows).toHaveLength(8);
    const udpFile = rows.find((x) => x.role === 'client' && x.label === 'UDP file')!;
    expect(udpFile.bytes).toBe(1_000_000);
    expect(typeof udpFile.wire_bytes_est).toBe('number');
    expect(udpFile.wire_bytes_est as number).toBeGreaterThan(1_000_000);
  });

  it('refuses an unknown experiment with a hint', async () => {
    const r = await runCli(['experiment', 'run', 'nope']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/no experiment "nope".*experiment list/);
  });
});
