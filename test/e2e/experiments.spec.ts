// The guided experiments in browser mode: picked from the list, run in the page's own lab, their
// results side by side, and the lab report downloaded and parsed back.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Page } from '@playwright/test';
import { findExperiment } from '../../src-shared/experiments/index.js';
import { SUMMARY_CSV_COLUMNS } from '../../src-shared/summary-csv.js';
import { test, expect, openView } from './fixtures.js';
import type { BrowserMode } from './fixtures.js';

async function openExperiment(page: Page, mode: BrowserMode, name: string): Promise<void> {
  await openView(page, mode, '');
  // Reached from the views' headers, then from the list.
  await page.getByRole('link', { name: 'Experiments' }).first().click();
  await expect(page).toHaveTitle('NetLab — Experiments');
  const experiment = findExperiment(name)!;
  await page.getByRole('navigation', { name: 'Experiment list' }).getByRole('link', { name: experiment.title }).click();
  await expect(page.getByRole('region', { name: experiment.title })).toBeVisible();
}

const row = (page: Page, label: string) => page.locator(`table[aria-label="Results"] tr[data-row="${label}"]`);
const cells = (page: Page, label: string) => row(page, label).locator('td');

test('tcp-vs-udp runs end to end: four runs side by side, the questions, and the lab report', async ({ page, browserMode }) => {
  test.setTimeout(90_000);
  const experiment = findExperiment('tcp-vs-udp')!;
  await openExperiment(page, browserMode, 'tcp-vs-udp');
  const sheet = page.getByRole('region', { name: experiment.title });
  const questions = sheet.getByRole('list', { name: 'Questions' }).getByRole('listitem');
  await expect(questions).toHaveText(experiment.questions);

  await sheet.getByRole('button', { name: 'Run' }).click();
  await expect(sheet.getByRole('status')).toContainText(/run \d\/4: /);
  await expect(page.getByText('All 4 runs done.')).toBeVisible({ timeout: 60_000 });

  const headers = page.locator('table[aria-label="Results"] thead th');
  await expect(headers).toHaveText(['Figure', ...experiment.runs.map((r) => r.label)]);
  await expect(cells(page, 'request')).toHaveText([
    'echo "hello network" over TCP',
    'echo "hello network" over UDP',
    'file 1,000,000 over TCP',
    'file 1,000,000 over UDP',
  ]);
  await expect(row(page, 'request')).toHaveClass(/differs/);
  await expect(cells(page, 'bytes received').nth(2)).toHaveText('1,000,000 of 1,000,000');
  await expect(cells(page, 'bytes received').nth(3)).toHaveText('1,000,000 of 1,000,000');
  await expect(cells(page, 'reads / datagrams').nth(2)).toContainText('socket reads');
  await expect(cells(page, 'reads / datagrams').nth(3)).toContainText('datagrams');
  await expect(cells(page, 'on the wire (estimate)').nth(3)).toContainText('% payload');

  const downloading = page.waitForEvent('download');
  await sheet.getByRole('button', { name: 'Download lab report' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^netlab-lab-report-tcp-vs-udp-\d{8}-\d{6}\.csv$/);
  const rows = parse(readFileSync(await download.path(), 'utf8'), { columns: true, cast: true }) as Record<string, unknown>[];
  expect(Object.keys(rows[0]!)).toEqual([...SUMMARY_CSV_COLUMNS]);
  expect(rows).toHaveLength(8);
  const udpFile = rows.find((r) => r.role === 'client' && r.label === 'UDP file')!;
  expect(udpFile.bytes).toBe(1_000_000);
  expect(udpFile.protocol).toBe('udp');
  expect(udpFile.wire_bytes_est as number).toBeGreaterThan(1_000_000);
});

test('lossy-stream: UDP misses segments, TCP none, and the link’s drops show per run', async ({ page, browserMode }) => {
  // Two 10 s streams, plus UDP's idle timeout and the endpoints' start.
  test.setTimeout(120_000);
  const experiment = findExperiment('lossy-stream')!;
  await openExperiment(page, browserMode, 'lossy-stream');
  const sheet = page.getByRole('region', { name: experiment.title });
  await sheet.getByRole('button', { name: 'Run' }).click();
  await expect(sheet.getByRole('status')).toContainText('run 1/2: UDP, 10 % loss …');
  await expect(sheet.getByRole('status')).toContainText('run 2/2: TCP, 10 % loss …', { timeout: 40_000 });
  await expect(page.getByText('All 2 runs done.')).toBeVisible({ timeout: 60_000 });

  const missing = cells(page, 'missing segments');
  await expect(missing.nth(0)).toHaveText(/^\d[\d,]* (\(first: |: )\d/);
  await expect(missing.nth(1)).toHaveText('none');
  await expect(row(page, 'missing segments')).toHaveClass(/differs/);
  await expect(cells(page, 'segments').nth(1)).toHaveText('1,000 of 1,000');
  await expect(cells(page, 'link dropped → client').nth(0)).toContainText(/random \d/);
  await expect(cells(page, 'conditions').nth(0)).toContainText('lossy-10');
  await expect(sheet.getByRole('list', { name: 'Questions' }).getByRole('listitem')).toHaveCount(experiment.questions.length);
});

test('udp-overflow: the page stays responsive while 3 × 123 MB of UDP arrives (results come from summaries)', async ({ page, browserMode }) => {
  test.setTimeout(120_000);
  const experiment = findExperiment('udp-overflow')!;
  await openExperiment(page, browserMode, 'udp-overflow');
  // A probe on the page's own event loop: the longest gap between two 50 ms ticks.
  await page.evaluate(() => {
    const w = globalThis as unknown as { maxGapMs: number };
    w.maxGapMs = 0;
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      w.maxGapMs = Math.max(w.maxGapMs, now - last);
      last = now;
    }, 50);
  });
  const sheet = page.getByRole('region', { name: experiment.title });
  await sheet.getByRole('button', { name: 'Run' }).click();
  await expect(sheet.getByRole('status')).toContainText('run 2/3: UDP unpaced …', { timeout: 60_000 });
  await expect(page.getByText('All 3 runs done.')).toBeVisible({ timeout: 90_000 });
  await expect(cells(page, 'bytes received').nth(0)).toContainText('of 123,456,789');
  await expect(cells(page, 'server sent').nth(1)).toHaveText('123,456,789 B');
  const maxGapMs = await page.evaluate(() => (globalThis as unknown as { maxGapMs: number }).maxGapMs);
  console.log(`udp-overflow: longest gap on the page's event loop ${maxGapMs.toFixed(0)} ms`);
  // Generous for two shared cores; a page that re-rendered per packet stalls for seconds.
  expect(maxGapMs).toBeLessThan(1500);
});
