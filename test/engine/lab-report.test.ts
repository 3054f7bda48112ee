// The lab report streamed from a journal (scopes, numbers that stay numbers, formula-safe text),
// t_exchange_ms on the per-event export, and New session: a real Lab on 127.0.0.1.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LabResult } from '../../src-shared/api.js';
import type { ExchangeSummary, LabEvent } from '../../src-shared/events.js';
import { SUMMARY_CSV_COLUMNS } from '../../src-shared/summary-csv.js';
import { ExchangeClock, exportJournalCsv } from '../../src-main/engine/csv-export.js';
import { exportJournalReport, journalToReportCsv } from '../../src-main/engine/report-export.js';
import { Lab } from '../../src-main/engine/lab.js';

function value<T>(r: LabResult<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

type Row = Record<string, string>;
const readRows = (path: string): Row[] => parse(readFileSync(path, 'utf8'), { columns: true }) as Row[];

function summary(exchange: string, endpoint: string, over: Partial<ExchangeSummary> = {}): ExchangeSummary {
  return {
    exchange,
    endpoint,
    role: endpoint.startsWith('srv') ? 'server' : 'client',
    proto: 'udp',
    command: 'file',
    request: 'file 1000',
    expected: 1000,
    bytes: 900,
    lost: 100,
    durationMs: 12.3456,
    throughputBps: 72_900.4,
    reads: 0,
    datagrams: 2,
    segmentsExpected: 0,
    segmentsReceived: 0,
    missing: 0,
    missingSample: [],
    outOfOrder: 0,
    duplicated: 0,
    prepareMs: 1.5,
    end: 'short',
    reply: null,
    error: null,
    local: '127.0.0.1:51234',
    remote: '127.0.0.1:8120',
    ...over,
  };
}

function event(seq: number, t: number, endpoint: string, kind: LabEvent['kind'], exchange: string | null, s?: ExchangeSummary): LabEvent {
  return {
    seq,
    t,
    time: new Date(Date.UTC(2026, 0, 2) + seq).toISOString(),
    endpoint,
    role: endpoint.startsWith('srv') ? 'server' : 'client',
    proto: 'udp',
    kind,
    exchange,
    command: exchange ? 'file' : null,
    local: '127.0.0.1:51234',
    remote: '127.0.0.1:8120',
    bytes: kind === 'rx' ? 450 : null,
    segment: null,
    detail: kind,
    ...(s ? { summary: s } : {}),
  };
}

/** Two clients and a server: x1.1 (cli-1), x2.1 (cli-2, a hostile request), x3.1 (srv-1). */
function writeSampleJournal(path: string): void {
  const hostile = summary('x2.1', 'cli-2', { command: 'echo', request: '=HYPERLINK("http://evil")', expected: 5, bytes: 5, lost: 0, end: 'fin', prepareMs: null });
  const events = [
    event(1, 10, 'srv-1', 'listening', null),
    event(2, 100, 'cli-1', 'request', 'x1.1'),
    event(3, 101.25, 'cli-1', 'rx', 'x1.1'),
    event(4, 102.5, 'cli-1', 'rx', 'x1.1'),
    event(5, 103, 'srv-1', 'request', 'x3.1'),
    event(6, 112.3456, 'cli-1', 'summary', 'x1.1', summary('x1.1', 'cli-1')),
    event(7, 113, 'srv-1', 'summary', 'x3.1', summary('x3.1', 'srv-1', { bytes: 1000, lost: 0, end: 'done' })),
    event(8, 200, 'cli-2', 'connect', 'x2.1'),
    event(9, 200.5, 'cli-2', 'request', 'x2.1'),
    event(10, 201, 'cli-2', 'summary', 'x2.1', hostile),
  ];
  const text = events.map((e) => JSON.stringify(e)).join('\n') + '\n{"journal":"end","events":10}\n';
  writeFileSync(path, text);
}

describe('lab report from a journal', () => {
  let dir: string;
  let journal: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'netlab-report-test-'));
    journal = join(dir, 'j.ndjson');
    writeSampleJournal(journal);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const report = async (scope: Parameters<typeof exportJournalReport>[3]): Promise<{ rows: number; records: Row[]; text: string }> => {
    const out = join(dir, `report-${Math.random().toString(36).slice(2)}.csv`);
    const rows = await exportJournalReport(journal, statSync(journal).size, out, scope);
    return { rows, records: readRows(out), text: readFileSync(out, 'utf8') };
  };

  it('whole session: one row per summary, in journal order, with the report columns', async () => {
    const { rows, records } = await report({ type: 'session' });
    expect(rows).toBe(3);
    expect(Object.keys(records[0]!)).toEqual([...SUMMARY_CSV_COLUMNS]);
    expect(records.map((r) => `${r.endpoint} ${r.exchange}`)).toEqual(['cli-1 x1.1', 'srv-1 x3.1', 'cli-2 x2.1']);
  });

  it("one endpoint's exchanges, or a selection of exchanges", async () => {
    expect((await report({ type: 'endpoints', endpoints: ['cli-1'] })).records.map((r) => r.exchange)).toEqual(['x1.1']);
    expect((await report({ type: 'endpoints', endpoints: ['cli-2', 'srv-1'] })).rows).toBe(2);
    const picked = await report({ type: 'exchanges', exchanges: ['x2.1', 'x3.1', 'x9.9'] });
    expect(picked.records.map((r) => r.exchange)).toEqual(['x3.1', 'x2.1']);
    const none = await report({ type: 'endpoints', endpoints: ['cli-404'] });
    expect(none.rows).toBe(0);
    expect(none.text).toBe(SUMMARY_CSV_COLUMNS.join(',') + '\n');
  });

  it('keeps numbers as plain numbers and neutralises a formula in the request text', async () => {
    const { text, records } = await report({ type: 'session' });
    const first = records[0]!;
    expect(first).toMatchObject({ expected: '1000', bytes: '900', lost: '100', lost_pct: '10', duration_ms: '12.346', throughput_Bps: '72900', prepare_ms: '1.5', end: 'short' });
    for (const column of ['expected', 'bytes', 'lost', 'lost_pct', 'duration_ms', 'throughput_Bps', 'datagrams', 'wire_bytes_est', 'efficiency_est'])
      expect(Number.isFinite(Number(first[column])), column).toBe(true);
    // Unquoted numeric cells: a spreadsheet reads them as numbers.
    expect(text.split('\n')[1]).toMatch(/,1000,900,100,10,12\.346,72900,/);
    const hostile = records.find((r) => r.exchange === 'x2.1')!;
    expect(hostile.request).toBe(`'=HYPERLINK("http://evil")`);
    expect(hostile.prepare_ms).toBe('');
  });

  it('streams a snapshot: a summary past the end byte is not in it', async () => {
    const firstSix = readFileSync(journal, 'utf8').split('\n').slice(0, 6).join('\n').length + 1;
    const { stream, done } = journalToReportCsv(journal, firstSix, { type: 'session' });
    let text = '';
    for await (const chunk of stream) text += String(chunk);
    expect(await done).toBe(1);
    expect(text.trim().split('\n')).toHaveLength(2);
  });

  it('per-event rows carry t_exchange_ms from the exchange request, per endpoint', async () => {
    const out = join(dir, 'events.csv');
    expect(await exportJournalCsv(journal, statSync(journal).size, out)).toBe(10);
    const rows = readRows(out);
    expect(rows.map((r) => r.t_exchange_ms)).toEqual(['', '0', '1.25', '2.5', '0', '12.346', '10', '', '0', '0.5']);
  });
});

describe('ExchangeClock', () => {
  it('is bounded: past its size the oldest exchange is forgotten, never a wrong number', () => {
    const clock = new ExchangeClock(2);
    const at = (t: number, exchange: string, kind: LabEvent['kind'] = 'rx'): number | null =>
      clock.sinceRequest(event(1, t, 'cli-1', kind, exchange));
    expect(at(1, 'a', 'request')).toBe(0);
    expect(at(2, 'b', 'request')).toBe(0);
    expect(at(3, 'c', 'request')).toBe(0);
    expect(clock.size).toBe(2);
    expect(at(10, 'a')).toBeNull();
    expect(at(10, 'b')).toBe(8);
    // A second request line of the same exchange does not move its origin.
    expect(at(11, 'c', 'request')).toBe(8);
  });
});

describe('Lab: lab report and New session over real sockets', () => {
  let dir: string;
  let lab: Lab;
  let events: LabEvent[];
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'netlab-report-lab-'));
    lab = await Lab.create({ journalPath: join(dir, 'first.ndjson'), batchIntervalMs: 10 });
    events = [];
    lab.onEvents((batch) => events.push(...batch));
  });
  afterEach(async () => {
    await lab.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports whole-session and per-client reports after TCP and UDP files', async () => {
    const tcp = value(await lab.startServer({ proto: 'tcp', host: '127.0.0.1', port: 0 }));
    const udp = value(await lab.startServer({ proto: 'udp', host: '127.0.0.1', port: 0 }));
    const a = value(await lab.openClient({ proto: 'tcp', host: '127.0.0.1', port: tcp.port! }));
    const b = value(await lab.openClient({ proto: 'udp', host: '127.0.0.1', port: udp.port!, idleTimeoutMs: 300 }));
    const sa = value(await lab.send({ endpointId: a.id, command: { type: 'file', chars: 50_000 } }));
    const sb = value(await lab.send({ endpointId: b.id, command: { type: 'file', chars: 20_000 } }));

    const whole = join(dir, 'whole.csv');
    expect(value(await lab.exportReport({ path: whole, scope: { type: 'session' } }))).toEqual({ path: whole, rows: 4 });
    const rows = readRows(whole);
    expect(rows.map((r) => `${r.role} ${r.protocol}`).sort()).toEqual(['client tcp', 'client udp', 'server tcp', 'server udp']);

    const mine = join(dir, 'mine.csv');
    value(await lab.exportReport({ path: mine, scope: { type: 'endpoints', endpoints: [b.id] } }));
    const only = readRows(mine);
    expect(only).toHaveLength(1);
    expect(only[0]).toMatchObject({ exchange: sb.exchange, protocol: 'udp', command: 'file', expected: '20000', bytes: String(sb.bytes) });

    const picked = join(dir, 'picked.csv');
    value(await lab.exportReport({ path: picked, scope: { type: 'exchanges', exchanges: [sa.exchange] } }));
    expect(readRows(picked).map((r) => `${r.role} ${r.exchange}`)).toContain(`client ${sa.exchange}`);

    // The per-event export: the client's rows of its exchange count from its request.
    const csv = join(dir, 'events.csv');
    value(await lab.exportCsv({ path: csv }));
    const ofA = readRows(csv).filter((r) => r.endpoint === a.id && r.exchange === sa.exchange);
    const request = ofA.find((r) => r.kind === 'request')!;
    expect(request.t_exchange_ms).toBe('0');
    const last = ofA.at(-1)!;
    expect(Number(last.t_exchange_ms)).toBeCloseTo(Number(last.t_ms) - Number(request.t_ms), 2);
    expect(readRows(csv).filter((r) => r.exchange === '').every((r) => r.t_exchange_ms === '')).toBe(true);
  });

  it('New session: the old journal is closed with its end marker, later events go to the new one', async () => {
    const server = value(await lab.startServer({ proto: 'tcp', host: '127.0.0.1', port: 0 }));
    const client = value(await lab.openClient({ proto: 'tcp', host: '127.0.0.1', port: server.port! }));
    const before = value(await lab.send({ endpointId: client.id, command: { type: 'echo', text: 'before' } }));
    const first = lab.journalPath;

    const started = value(await lab.newSession({}));
    expect(started.previous).toBe(basename(first));
    expect(lab.journalPath).not.toBe(first);
    expect(started.journal).toBe(basename(lab.journalPath));
    const old = readFileSync(first, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(old.at(-1)!)).toMatchObject({ journal: 'end', exchanges: expect.any(Number) });
    expect(old.some((l) => l.includes(before.exchange))).toBe(true);
    // The new journal's first line is the session marker, which names no endpoint in the listing.
    lab.flushEvents();

    // Endpoints kept running: the same client sends again, into the new session.
    const after = value(await lab.send({ endpointId: client.id, command: { type: 'echo', text: 'after' } }));
    lab.flushEvents();
    expect(events.filter((e) => e.kind === 'session')).toHaveLength(1);
    const report = join(dir, 'after.csv');
    expect(value(await lab.exportReport({ path: report, scope: { type: 'session' } })).rows).toBe(2);
    expect(new Set(readRows(report).map((r) => r.request))).toEqual(new Set(['after']));
    const csv = join(dir, 'after-events.csv');
    value(await lab.exportCsv({ path: csv }));
    const rows = readRows(csv);
    expect(rows[0]!.kind).toBe('session');
    expect(rows.some((r) => r.exchange === before.exchange)).toBe(false);
    expect(rows.some((r) => r.exchange === after.exchange)).toBe(true);
    // Both journals are in the folder, for `netlab sessions`.
    expect(readdirSync(dir).filter((f) => f.endsWith('.ndjson'))).toHaveLength(2);
    expect(existsSync(first)).toBe(true);
    await lab.close();
    const end = JSON.parse(readFileSync(lab.journalPath, 'utf8').trimEnd().split('\n').at(-1)!) as { endpoints: string[] };
    expect(end.endpoints.some((e) => e.startsWith('lab '))).toBe(false);
    expect(end.endpoints.length).toBeGreaterThan(0);
  });

  it('two New session calls at once make two sessions, one after the other', async () => {
    const [one, two] = await Promise.all([lab.newSession({}), lab.newSession({})]);
    expect(value(two).previous).toBe(value(one).journal);
  });
});
