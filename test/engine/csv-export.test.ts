import { execFile } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { parse as parseStream } from 'csv-parse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportJournalCsv, journalToCsv } from '../../src-main/engine/csv-export.js';
import { CSV_COLUMNS, eventToCsvRow } from '../../src-shared/events.js';
import { makeEvent, writeJournal } from './lab-fixtures.js';

const run = promisify(execFile);
const TRICKY_DETAILS = [
  'plain',
  'a, b, and c',
  'she said "hello", twice: ""',
  'line one\nline two\r\nline three',
  '',
  ' leading and trailing space ',
  'ünïcödé — 日本語 🚀',
];

describe('CSV export', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'netlab-csv-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back with a standard CSV parser to the same values, commas, quotes and newlines included', async () => {
    const journal = join(dir, 'j.ndjson');
    writeJournal(journal, TRICKY_DETAILS.length, (seq) => TRICKY_DETAILS[seq - 1]!);
    const out = join(dir, 'out.csv');
    const rows = await exportJournalCsv(journal, statSync(journal).size, out);
    expect(rows).toBe(TRICKY_DETAILS.length);
    const records = parse(readFileSync(out, 'utf8')) as string[][];
    expect(records[0]).toEqual([...CSV_COLUMNS]);
    expect(records).toHaveLength(TRICKY_DETAILS.length + 1);
    TRICKY_DETAILS.forEach((detail, i) => {
      const expected = eventToCsvRow(makeEvent(i + 1, detail)).map(String);
      expect(records[i + 1]).toEqual(expected);
      expect(records[i + 1]![CSV_COLUMNS.indexOf('detail')]).toBe(detail);
    });
  });

  it('exports only the snapshot it was given and skips a partial last line', async () => {
    const journal = join(dir, 'j.ndjson');
    writeJournal(journal, 3);
    const firstTwo = readFileSync(journal, 'utf8').split('\n').slice(0, 2).join('\n').length + 1;
    const { stream, done } = journalToCsv(journal, firstTwo + 10);
    const records: string[][] = [];
    for await (const record of stream.pipe(parseStream())) records.push(record as string[]);
    expect(await done).toBe(2);
    expect(records.map((r) => r[0])).toEqual(['seq', '1', '2']);
  });

  it('writes only the header for an empty journal, and leaves no file when the journal is missing', async () => {
    const out = join(dir, 'empty.csv');
    expect(await exportJournalCsv(join(dir, 'none.ndjson'), 0, out)).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(CSV_COLUMNS.join(',') + '\n');
    const missingOut = join(dir, 'missing.csv');
    await expect(exportJournalCsv(join(dir, 'none.ndjson'), 100, missingOut)).rejects.toThrow(/ENOENT/);
    expect(() => statSync(missingOut)).toThrow();
    expect(() => statSync(`${missingOut}.part`)).toThrow();
  });

  it('exports 100,000 events in a small, bounded heap', async () => {
    const journal = join(dir, 'big.ndjson');
    const EVENTS = 100_000;
    // ~400-byte details make a ~60 MB journal: more than the child's whole heap budget.
    writeJournal(journal, EVENTS, (seq) => `row ${seq}, "quoted" ` + 'x'.repeat(380));
    const out = join(dir, 'big.csv');
    const HEAP_LIMIT_MB = 48;
    const { stdout } = await run(
      process.execPath,
      [
        `--max-old-space-size=${HEAP_LIMIT_MB}`,
        '--import',
        'tsx',
        join(__dirname, 'csv-export-child.ts'),
        journal,
        out,
      ],
      { timeout: 60_000 },
    );
    const figures = JSON.parse(stdout.trim()) as {
      rows: number;
      csvMB: number;
      peakHeapMB: number;
      ms: number;
    };
    console.log('100k-event CSV export:', figures);
    expect(figures.rows).toBe(EVENTS);
    expect(figures.csvMB).toBeGreaterThan(HEAP_LIMIT_MB);
    expect(figures.peakHeapMB).toBeLessThan(HEAP_LIMIT_MB);
    // Spot-check the last row through a streaming parser (the file is too big to parse whole here).
    let last: string[] = [];
    let count = 0;
    for await (const record of createReadStream(out).pipe(parseStream())) {
      last = record as string[];
      count += 1;
    }
    expect(count).toBe(EVENTS + 1);
    expect(last[0]).toBe(String(EVENTS));
  });
});
