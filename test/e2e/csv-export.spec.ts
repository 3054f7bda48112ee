// Export CSV from the browser: a real download of the session journal, parsed back.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS } from '../../src-shared/events.js';
import { test, expect } from './fixtures.js';
import { fillAddress, sendAndWait, startServer, summaryFact } from './lab-pages.js';

const FILE_CHARS = 100_000;

type Row = Record<(typeof CSV_COLUMNS)[number], string>;

test('Export CSV downloads the session journal with the fixed header and every event', async ({
  serverPage,
  clientPage,
}) => {
  const bound = await startServer(serverPage, 'udp');
  const server = `${bound.host}:${bound.port}`;
  await fillAddress(clientPage, 'udp', bound.host, bound.port);
  await sendAndWait(clientPage, 'udp', { type: 'echo', text: 'csv please' });
  await sendAndWait(clientPage, 'udp', { type: 'file', chars: String(FILE_CHARS) });
  await expect(summaryFact(clientPage, 'Lost')).toHaveText('0 bytes');

  const downloading = clientPage.waitForEvent('download');
  await clientPage.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^netlab-session-\d{8}-\d{6}\.csv$/);
  await expect(clientPage.getByRole('status').filter({ hasText: 'Download started' })).toContainText(
    download.suggestedFilename(),
  );
  const text = readFileSync(await download.path(), 'utf8');

  expect(text.split(/\r?\n/)[0]).toBe(
    'seq,time_iso,t_ms,t_exchange_ms,role,proto,endpoint,exchange,kind,command,local,remote,bytes,segment,detail,wire_bytes',
  );
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as Row[];
  expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);

  const seqs = rows.map((r) => Number(r.seq));
  expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1]!)).toBe(true);
  for (const r of rows) {
    expect(Number.isNaN(Date.parse(r.time_iso)), r.time_iso).toBe(false);
    expect(Number(r.t_ms)).toBeGreaterThanOrEqual(0);
  }

  // This test's client: its remote is the server the page showed.
  const mine = rows.filter((r) => r.role === 'client' && r.proto === 'udp' && r.remote === server);
  const summaries = mine.filter((r) => r.kind === 'summary');
  expect(summaries.map((r) => r.command)).toEqual(['echo', 'file']);
  expect(summaries[0]!.bytes).toBe(String('CSV PLEASE'.length));
  expect(summaries[1]!.bytes).toBe(String(FILE_CHARS));
  const fileExchange = summaries[1]!.exchange;
  const payload = mine.filter((r) => r.exchange === fileExchange && r.kind === 'rx');
  expect(payload.reduce((sum, r) => sum + Number(r.bytes), 0)).toBe(FILE_CHARS);
  // Each datagram's estimated bytes on the wire: payload + UDP 8 + IPv4 20 + Ethernet 18 (at least).
  for (const r of payload) expect(Number(r.wire_bytes)).toBeGreaterThanOrEqual(Number(r.bytes) + 46);
  expect(mine.some((r) => r.exchange === fileExchange && r.kind === 'prepared')).toBe(true);

  // And the server's side of it.
  const serverRows = rows.filter((r) => r.role === 'server' && r.proto === 'udp' && r.local === server);
  expect(serverRows.some((r) => r.kind === 'listening')).toBe(true);
  const served = serverRows.filter((r) => r.kind === 'summary' && r.command === 'file');
  expect(served.map((r) => r.bytes)).toEqual([String(FILE_CHARS)]);
});
