// `--summary-csv FILE` on `netlab client` and `netlab server`: the lab report of the run, from its
// journal, one numeric row per exchange (real processes, real sockets on 127.0.0.1).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SUMMARY_CSV_COLUMNS } from '../../src-shared/summary-csv.js';
import { CliProcess, runCli } from './run-cli.js';

const LISTENING_RE = /listening (tcp|udp) 127\.0\.0\.1:(\d+)/;
type Row = Record<string, unknown>;
const readReport = (path: string): Row[] => parse(readFileSync(path, 'utf8'), { columns: true, cast: true }) as Row[];

describe('netlab client / server --summary-csv', () => {
  let dir: string;
  let server: CliProcess | null = null;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'netlab-summary-csv-'));
  });
  afterEach(async () => {
    await server?.stop();
    server = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('client: a one-shot UDP file writes its exchange; the server writes its own on stop', async () => {
    const served = join(dir, 'served.csv');
    server = new CliProcess(['server', 'udp', '--host', '127.0.0.1', '--port', '0', '--summary-csv', served]);
    const port = (await server.waitFor(LISTENING_RE))[2]!;

    const one = join(dir, 'client.csv');
    const r = await runCli(['client', 'udp', '--host', '127.0.0.1', '--port', port, '--summary-csv', one, 'file', '30000']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/wrote the lab report, 1 exchanges, to /);
    const rows = readReport(one);
    expect(Object.keys(rows[0]!)).toEqual([...SUMMARY_CSV_COLUMNS]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ role: 'client', protocol: 'udp', command: 'file', expected: 30_000, bytes: 30_000, lost: 0 });
    expect(typeof rows[0]!.duration_ms).toBe('number');
    expect(typeof rows[0]!.wire_bytes_est).toBe('number');

    const stopped = await server.stop();
    server = null;
    expect(stopped.stderr).toMatch(/wrote the lab report, 1 exchanges, to /);
    const servedRows = readReport(served);
    expect(servedRows).toHaveLength(1);
    expect(servedRows[0]).toMatchObject({ role: 'server', protocol: 'udp', command: 'file', bytes: 30_000 });
  });

  it('client: the PROMPT loop writes one row per request on quit', async () => {
    server = new CliProcess(['server', 'tcp', '--host', '127.0.0.1', '--port', '0']);
    const port = (await server.waitFor(LISTENING_RE))[2]!;
    const out = join(dir, 'loop.csv');
    const r = await runCli(
      ['client', 'tcp', '--host', '127.0.0.1', '--port', port, '--summary-csv', out],
      'hello\n=SUM(A1)\n2000\nquit\n',
    );
    expect(r.code, r.stderr).toBe(0);
    const rows = readReport(out);
    expect(rows.map((x) => x.command)).toEqual(['echo', 'echo', 'file']);
    expect(rows[1]!.request).toBe(`'=SUM(A1)`);
    expect(rows[2]).toMatchObject({ expected: 2000, bytes: 2000, lost: 0 });
  });
});
