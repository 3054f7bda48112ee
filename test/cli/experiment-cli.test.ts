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

describe('netlab compare', () => {
  it('sends the same command over TCP and UDP to one port and prints both, --json as an array of two', async () => {
    const { CliProcess } = await import('./run-cli.js');
    // A TCP and a UDP server on the same port, as a lab sets them up.
    const tcp = new CliProcess(['server', 'tcp', '--host', '127.0.0.1', '--port', '0']);
    try {
      const port = Number((await tcp.waitFor(/listening tcp 127\.0\.0\.1:(\d+)/))[1]);
      const udp = new CliProcess(['server', 'udp', '--host', '127.0.0.1', '--port', String(port)]);
      try {
        await udp.waitFor(/listening udp/);
        const table = await runCli([
          'compare',
          '--host',
          '127.0.0.1',
          '--port',
          String(port),
          'file',
          '200000',
        ]);
        expect(table.code, table.stderr).toBe(0);
        expect(table.stdout).toMatch(/^\s+TCP\s+UDP/m);
        expect(table.stdout).toMatch(/file 200000 over TCP\s+file 200000 over UDP/);
        const json = await runCli([
          'compare',
          '--host',
          '127.0.0.1',
          '--port',
          String(port),
          '--json',
          'echo',
          'hi there',
        ]);
        expect(json.code, json.stderr).toBe(0);
        const both = JSON.parse(json.stdout) as { proto: string; reply: string }[];
        expect(both.map((s) => [s.proto, s.reply])).toEqual([
          ['tcp', 'HI THERE'],
          ['udp', 'HI THERE'],
        ]);
      } finally {
        udp.child.kill('SIGTERM');
      }
    } finally {
      tcp.child.kill('SIGTERM');
    }
  });

  it('exits non-zero and says why when one protocol has no server', async () => {
    const tcp = new (await import('./run-cli.js')).CliProcess([
      'server',
      'tcp',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
    ]);
    try {
      const port = Number((await tcp.waitFor(/listening tcp 127\.0\.0\.1:(\d+)/))[1]);
      const r = await runCli([
        'compare',
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
        '--idle-timeout',
        '0.3',
        'echo',
        'x',
      ]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/netlab: .*\[(CONNECTION_REFUSED|TIMEOUT|CUT_SHORT)\]/);
      expect(r.stdout).toMatch(/TCP\s+UDP/);
    } finally {
      tcp.child.kill('SIGTERM');
    }
  });
});
