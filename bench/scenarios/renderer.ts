// The renderer under a 123,456,789-char UDP file in browser mode: Chromium (playwright-core)
// shows both views side by side (#/), the longest main-thread task comes from a 'longtask'
// PerformanceObserver, and the events the two event logs counted are compared with the
// events the lab emitted (the session CSV's rows).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import type { BenchContext, Scenario } from '../lib/context.js';
import { startWebLab } from '../lib/browser-mode.js';
import type { WebLabProcess } from '../lib/browser-mode.js';
import { BIG_FILE_CHARS, BIG_TRANSFER_TIMEOUT_MS, LOOPBACK } from '../lib/loopback.js';
import { BrokenBenchmark, figure, metOrMissed, notRunRow, ratioOf } from '../lib/result.js';
import type { BenchRow } from '../lib/result.js';
import { CHROMIUM_ARGS, DEBIAN_CHROMIUM, chromiumPath } from '../../test/helpers/chromium.js';

const TASK_ROW = {
  title: 'renderer, 123,456,789-char UDP file: longest main-thread task',
  target: 'no task over 100 ms',
};
const EVENTS_ROW = {
  title: 'renderer, same transfer: events shown vs emitted',
  target: 'every event reaches the log',
};
const LONG_TASK_MAX_MS = 100;
const CHROMIUM = chromiumPath() ?? DEBIAN_CHROMIUM;
const UI_TIMEOUT_MS = 30_000;
/** After the summary, the last batches still travel; counts must hold still this long. */
const COUNTS_STABLE_MS = 1000;
const COUNTS_SETTLE_MAX_MS = 20_000;
const REPO_ROOT = resolve(__dirname, '..', '..');

/**
 * Runs in the page, before its own scripts (as text: the bench is typechecked without the DOM).
 * Durations of main-thread tasks over 50 ms land in window.__benchLongTasks.
 */
const LONG_TASK_OBSERVER = `
  window.__benchLongTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__benchLongTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
`;
const RESET_LONG_TASKS = 'window.__benchLongTasks = []';
const READ_LONG_TASKS = 'window.__benchLongTasks ?? []';

/** Why browser mode cannot be benchmarked here, or null when it can. */
function missing(): string | null {
  if (!existsSync(resolve(REPO_ROOT, 'src-main/web/browser-mode.ts')))
    return 'browser mode (src-main/web) is not built yet';
  if (!existsSync(resolve(REPO_ROOT, 'src-renderer/main.tsx')))
    return 'the renderer (src-renderer) is not built yet';
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`;
  return null;
}

async function startUdpServer(server: Locator): Promise<string> {
  await server.getByLabel('Protocol', { exact: true }).selectOption('udp');
  await server.getByLabel('Host', { exact: true }).fill(LOOPBACK);
  await server.getByLabel('Port', { exact: true }).fill('0');
  await server.getByRole('button', { name: 'Start server' }).click();
  const status = server.getByRole('status').filter({ hasText: 'Listening on' });
  await status.waitFor({ timeout: UI_TIMEOUT_MS });
  const m = /Listening on\s*\S+:(\d+)/.exec((await status.textContent()) ?? '');
  if (!m) throw new Error('the server view shows no bound port');
  return m[1]!;
}

/** "N events (oldest M dropped here…)" → N + M: every event this pane received. */
async function eventsReceived(pane: Locator): Promise<number> {
  const text = (await pane.locator('.log-card .card-head').textContent()) ?? '';
  const m = /([\d,]+) events(?: \(oldest ([\d,]+) dropped)?/.exec(text);
  if (!m) throw new Error(`no event count in "${text}"`);
  const n = (s: string | undefined): number => (s ? Number(s.replace(/,/g, '')) : 0);
  return n(m[1]) + n(m[2]);
}

async function settledCounts(panes: Locator[]): Promise<number> {
  const deadline = Date.now() + COUNTS_SETTLE_MAX_MS;
  let last = -1;
  let since = Date.now();
  while (Date.now() < deadline) {
    let total = 0;
    for (const pane of panes) total += await eventsReceived(pane);
    if (total !== last) [last, since] = [total, Date.now()];
    else if (Date.now() - since >= COUNTS_STABLE_MS) return total;
    await new Promise((r) => setTimeout(r, 100));
  }
  return last;
}

async function emittedEvents(web: WebLabProcess): Promise<number> {
  const res = await fetch(`${web.origin}/export.csv?token=${web.token}`);
  if (!res.ok) throw new Error(`export.csv: HTTP ${res.status}`);
  // Parsed, not line-counted: details may hold quoted newlines.
  return (parse(await res.text(), { columns: true }) as unknown[]).length;
}

interface RunResult {
  longestMs: number;
  longTasks: number;
  shown: number;
  emitted: number;
}

async function oneRun(browser: Browser, ctx: BenchContext): Promise<RunResult> {
  const web = await startWebLab();
  const page: Page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.addInitScript({ content: LONG_TASK_OBSERVER });
    await page.goto(`${web.origin}/?token=${web.token}#/`);
    const server = page.getByRole('region', { name: 'Server' });
    const client = page.getByRole('region', { name: 'Client' });
    const port = await startUdpServer(server);
    await client.getByLabel('Protocol', { exact: true }).selectOption('udp');
    await client.getByLabel('Host', { exact: true }).fill(LOOPBACK);
    await client.getByLabel('Port', { exact: true }).fill(port);
    await client.getByRole('tab', { name: 'File' }).click();
    await client.getByLabel('Characters', { exact: true }).fill(String(BIG_FILE_CHARS));
    // Only the transfer counts, not page load.
    await page.evaluate(RESET_LONG_TASKS);
    await client.getByRole('button', { name: 'Send', exact: true }).click();
    await client
      .getByRole('region', { name: 'Summary' })
      .filter({ hasText: 'File over UDP' })
      .waitFor({ timeout: BIG_TRANSFER_TIMEOUT_MS });
    const shown = await settledCounts([server, client]);
    const tasks = await page.evaluate<number[]>(READ_LONG_TASKS);
    const emitted = await emittedEvents(web);
    ctx.log(
      `  longest task ${Math.max(0, ...tasks).toFixed(0)} ms (${tasks.length} over 50 ms), events shown ${shown} of ${emitted}`,
    );
    return { longestMs: Math.max(0, ...tasks), longTasks: tasks.length, shown, emitted };
  } finally {
    await page.close();
    await web.stop();
  }
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const why = missing();
  if (why) return [TASK_ROW, EVENTS_ROW].map((r) => notRunRow(r.title, r.target, why));
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const results: RunResult[] = [];
  try {
    const runs = ctx.heavyRuns;
    for (let i = 0; i < runs; i++) results.push(await oneRun(browser, ctx));
  } finally {
    await browser.close();
  }
  if (results.some((r) => r.shown > r.emitted))
    throw new BrokenBenchmark('the logs counted more events than the lab emitted');
  const longest = figure(
    '',
    'ms',
    results.map((r) => r.longestMs),
  );
  const shown = figure(
    '',
    'events',
    results.map((r) => r.shown),
  );
  const emitted = figure(
    'emitted',
    'events',
    results.map((r) => r.emitted),
  );
  return [
    {
      scenario: TASK_ROW.title,
      figure: longest,
      reference: null,
      ratio: null,
      target: TASK_ROW.target,
      status: metOrMissed(longest.max <= LONG_TASK_MAX_MS),
      note: '',
      extra: [
        figure(
          'tasks over 50 ms',
          '',
          results.map((r) => r.longTasks),
        ),
      ],
    },
    {
      scenario: EVENTS_ROW.title,
      figure: shown,
      reference: emitted,
      ratio: ratioOf(shown, emitted),
      target: EVENTS_ROW.target,
      status: metOrMissed(results.every((r) => r.shown === r.emitted)),
      note: '',
    },
  ];
}

export const renderer: Scenario = { id: 'renderer', rows: [TASK_ROW, EVENTS_ROW], run };
