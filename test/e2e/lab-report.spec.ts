// The lab report and New session in browser mode: a TCP and a UDP file, the report downloaded and
// parsed back (one numeric row per exchange), then New session empties the views and the next
// exports hold only what came after it.
import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { SUMMARY_CSV_COLUMNS } from '../../src-shared/summary-csv.js';
import { test, expect } from './fixtures.js';
import { eventsTable, fillAddress, sendAndWait, startServer, stopServer } from './lab-pages.js';

const TCP_CHARS = 60_000;
const UDP_CHARS = 40_000;
const NUMERIC = ['expected', 'bytes', 'lost', 'lost_pct', 'duration_ms', 'throughput_Bps', 'wire_bytes_est', 'efficiency_est'];

type Row = Record<string, unknown>;

async function download(page: Page, button: string): Promise<{ file: Download; text: string }> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const file = await downloading;
  return { file, text: readFileSync(await file.path(), 'utf8') };
}

const rowsOf = (text: string): Row[] => parse(text, { columns: true, cast: true, skip_empty_lines: true }) as Row[];

test('Export lab report after a TCP and a UDP file; New session starts the next report empty', async ({
  serverPage,
  clientPage,
}) => {
  test.setTimeout(90_000);
  // This worker's lab ran other scenarios: start from a session of our own.
  await serverPage.getByRole('button', { name: 'New session' }).click();
  await expect(serverPage.getByText('No events yet.')).toBeVisible();

  const tcp = await startServer(serverPage, 'tcp');
  await fillAddress(clientPage, 'tcp', tcp.host, tcp.port);
  await sendAndWait(clientPage, 'tcp', { type: 'file', chars: String(TCP_CHARS) });
  await stopServer(serverPage);
  const udp = await startServer(serverPage, 'udp');
  await fillAddress(clientPage, 'udp', udp.host, udp.port);
  await sendAndWait(clientPage, 'udp', { type: 'file', chars: String(UDP_CHARS) });

  // From a client tab: that client's exchanges, by default.
  await expect(clientPage.getByRole('combobox', { name: 'Lab report of' })).toHaveValue('mine');
  const mine = await download(clientPage, 'Export lab report');
  expect(mine.file.suggestedFilename()).toMatch(/^netlab-report-\d{8}-\d{6}\.csv$/);
  expect(mine.text.split(/\r?\n/)[0]).toBe(SUMMARY_CSV_COLUMNS.join(','));
  const clientRows = rowsOf(mine.text);
  expect(clientRows.map((r) => `${r.role} ${r.protocol} ${r.command}`)).toEqual(['client tcp file', 'client udp file']);
  expect(clientRows.map((r) => r.bytes)).toEqual([TCP_CHARS, UDP_CHARS]);
  for (const r of clientRows) for (const column of NUMERIC) expect(typeof r[column], `${column}: ${String(r[column])}`).toBe('number');
  expect(new Set(clientRows.map((r) => r.exchange)).size).toBe(2);

  // The whole session: both ends of both exchanges.
  await clientPage.getByRole('combobox', { name: 'Lab report of' }).selectOption('session');
  const whole = rowsOf((await download(clientPage, 'Export lab report')).text);
  expect(whole.map((r) => `${r.role} ${r.protocol}`).sort()).toEqual(['client tcp', 'client udp', 'server tcp', 'server udp']);

  // New session from the client tab: both views empty their logs and the server its tables.
  await clientPage.getByRole('button', { name: 'New session' }).click();
  await expect(clientPage.getByText('No events yet.')).toBeVisible();
  await expect(serverPage.getByText('No events yet.')).toBeVisible();
  await expect(serverPage.getByText('No client has talked to this server yet.')).toBeVisible();
  await expect(eventsTable(clientPage).getByRole('row')).toHaveCount(1);

  await sendAndWait(clientPage, 'udp', { type: 'echo', text: 'after the new session' });
  const events = rowsOf((await download(clientPage, 'Export CSV')).text);
  expect(events[0]!.kind).toBe('session');
  expect(events.filter((r) => r.kind === 'summary').map((r) => `${r.role} ${r.command}`).sort()).toEqual([
    'client echo',
    'server echo',
  ]);
  // t_exchange_ms counts from the exchange's request.
  const request = events.find((r) => r.kind === 'request' && r.role === 'client')!;
  expect(request.t_exchange_ms).toBe(0);
  const after = rowsOf((await download(clientPage, 'Export lab report')).text);
  expect(after.map((r) => `${r.role} ${r.command} ${r.request}`).sort()).toEqual([
    'client echo after the new session',
    'server echo after the new session',
  ]);
});
