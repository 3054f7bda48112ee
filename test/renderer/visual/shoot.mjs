#!/usr/bin/env node
// Visual check of the built renderer (out/renderer) in Chromium, with fake-lab.js standing in
// for the engine: takes screenshots of the main states at 1280×800 in light and dark, and
// measures the page's long tasks while a 110,000-datagram UDP file arrives in both panes.
// Usage: npx vite build && node test/renderer/visual/shoot.mjs [outDir]
// Against the real engine: NETLAB_URL=<the address `netlab web` printed> node …/shoot.mjs [outDir]
// (give `netlab web` a --host-file whose first entry is a free port); only then are the server and
// the client also shot as two windows, as the README shows them. SHOOT_ONLY=single|light|dark|perf|windows
// runs one part.
/* global window, document, requestAnimationFrame -- used inside page.evaluate() callbacks */
import { createReadStream, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../../out/renderer');
const outDir = path.resolve(process.argv[2] ?? path.join(here, '../../../test-results/renderer'));
const STEP_TIMEOUT_MS = 20_000;
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

if (!existsSync(path.join(root, 'index.html'))) {
  console.error('out/renderer/index.html is missing: run `npx vite build` first');
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });

const server = createServer((req, res) => {
  const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
  const file = path.resolve(root, rel);
  if (!file.startsWith(root) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const realUrl = process.env.NETLAB_URL;
const url = realUrl ? realUrl.replace(/#.*$/, '') : `http://127.0.0.1:${server.address().port}/`;
const prefix = realUrl ? 'real-' : '';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

async function openPage(colorScheme, hash = '#/') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme });
  if (!realUrl) await context.addInitScript({ path: path.join(here, 'fake-lab.js') });
  // Anything the page's CSP blocks is printed with the console errors below.
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation:', e.violatedDirective, e.blockedURI)),
  );
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
  await page.goto(url + hash);
  return { context, page };
}

const shot = async (page, name) => {
  const file = path.join(outDir, `${prefix}${name}.png`);
  await page.screenshot({ path: file });
  console.log('screenshot', file);
};

/** Send clears the previous summary, so its "How it ended" row means this exchange ended. */
const summaryDone = (pane, timeout = STEP_TIMEOUT_MS) =>
  pane.getByRole('region', { name: 'Summary' }).getByText('How it ended').waitFor({ timeout });

async function scenario(colorScheme) {
  const { context, page } = await openPage(colorScheme);
  const serverPane = page.getByRole('region', { name: 'Server', exact: true });
  const client = page.getByRole('region', { name: 'Client', exact: true });
  await serverPane.getByRole('button', { name: 'Start server' }).click();
  await serverPane.locator('.bound').waitFor();
  await client.getByLabel('Message', { exact: true }).fill('hello netlab');
  await client.getByRole('button', { name: 'Send' }).click();
  await summaryDone(client);
  await shot(page, `${colorScheme}-1-tcp-echo`);

  await client.getByRole('tab', { name: 'Stream' }).click();
  await client.getByLabel('Interval (ms)', { exact: true }).fill('5');
  await client.getByLabel('Count', { exact: true }).fill('200');
  await client.getByRole('button', { name: 'Send' }).click();
  await page.waitForTimeout(600);
  await shot(page, `${colorScheme}-2-tcp-stream-running`);
  await summaryDone(client);

  await serverPane.getByRole('button', { name: 'Stop server' }).click();
  await serverPane.getByLabel('Protocol', { exact: true }).selectOption('udp');
  await serverPane.getByRole('button', { name: 'Start server' }).click();
  await client.getByLabel('Protocol', { exact: true }).selectOption('udp');
  await client.getByRole('tab', { name: 'File' }).click();
  await client.getByLabel('Characters', { exact: true }).fill('5000000');
  await client.getByRole('button', { name: 'Send' }).click();
  await page.waitForTimeout(700);
  await shot(page, `${colorScheme}-3-udp-file-running`);
  await summaryDone(client);
  await client.getByRole('region', { name: 'Summary' }).scrollIntoViewIfNeeded();
  await shot(page, `${colorScheme}-4-udp-file-summary`);

  await client.getByLabel('Characters', { exact: true }).fill('12.5');
  await client.getByRole('button', { name: 'Send' }).click();
  await client.getByRole('tab', { name: 'File' }).scrollIntoViewIfNeeded();
  await serverPane.getByRole('button', { name: 'Stop server' }).click();
  // In real mode the browser-mode server's own TCP port is surely in use; the fake refuses 8121.
  await serverPane.getByLabel('Protocol', { exact: true }).selectOption('tcp');
  await serverPane.getByLabel('Port', { exact: true }).fill(realUrl ? new URL(realUrl).port : '8121');
  await serverPane.getByRole('button', { name: 'Start server' }).click();
  await serverPane.getByRole('alert').first().waitFor();
  await serverPane.getByLabel('Port', { exact: true }).scrollIntoViewIfNeeded();
  await shot(page, `${colorScheme}-5-errors`);
  await context.close();
}

/** Long tasks (> 50 ms) while a 110,000-datagram file arrives: the page must stay responsive. */
async function packetRate() {
  const { context, page } = await openPage('light');
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push({ start: e.startTime, ms: e.duration });
    }).observe({ entryTypes: ['longtask'] });
  });
  const serverPane = page.getByRole('region', { name: 'Server', exact: true });
  const client = page.getByRole('region', { name: 'Client', exact: true });
  await serverPane.getByLabel('Protocol', { exact: true }).selectOption('udp');
  await serverPane.getByRole('button', { name: 'Start server' }).click();
  await client.getByLabel('Protocol', { exact: true }).selectOption('udp');
  await client.getByRole('tab', { name: 'File' }).click();
  await client.getByLabel('Characters', { exact: true }).fill(String(110_000 * 1120));
  // A probe input outside the app: typing into it measures how quickly the page answers a key.
  await page.evaluate(() => {
    const probe = document.createElement('input');
    probe.id = 'probe';
    probe.style.position = 'fixed';
    probe.style.bottom = '0';
    probe.style.opacity = '0';
    document.body.append(probe);
  });
  const typeMs = async () => {
    await page.locator('#probe').focus();
    const t = Date.now();
    await page.keyboard.type('x');
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    return Date.now() - t;
  };
  const idleKeyMs = await typeMs();
  const started = Date.now();
  await client.getByRole('button', { name: 'Send' }).click();
  // Typing while it runs must not lag: measure a keystroke's round trip mid-transfer.
  await page.waitForTimeout(1000);
  const keyMs = await typeMs();
  // The screenshot itself repaints the whole page: leave its own long task out of the count.
  const shotFrom = await page.evaluate(() => performance.now());
  await shot(page, 'perf-110k-running');
  const shotTo = await page.evaluate(() => performance.now());
  await summaryDone(client, 90_000);
  const long = (await page.evaluate(() => window.__long))
    .filter((e) => e.start + e.ms < shotFrom || e.start > shotTo)
    .map((e) => e.ms);
  const rows = await client.getByRole('table', { name: 'Events' }).getAttribute('aria-rowcount');
  const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  const stats = (await page.evaluate(() => window.__fakeLabStats)) ?? { batches: 0, events: 0, listenerMs: 0, maxListenerMs: 0 };
  const heapMb = await page.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize / 1e6 : null));
  await shot(page, 'perf-110k-done');
  console.log(
    JSON.stringify({
      transferMs: Date.now() - started,
      clientLogRows: Number(rows) - 1,
      longTasks: long.length,
      longestTaskMs: Math.round(Math.max(0, ...long)),
      keystrokeMsIdle: idleKeyMs,
      keystrokeMsDuringTransfer: keyMs,
      domNodes,
      heapMb: heapMb && Math.round(heapMb),
      batches: stats.batches,
      events: stats.events,
      applyMsTotal: Math.round(stats.listenerMs),
      applyMsMaxBatch: Math.round(stats.maxListenerMs),
      applyUsPerEvent: Number(((stats.listenerMs * 1000) / stats.events).toFixed(2)),
    }),
  );
  await context.close();
}

/** Each view alone in a 640-px window (half of a 1280-px screen), and the disconnected banner. */
async function singleViews() {
  for (const colorScheme of ['light', 'dark']) {
    for (const view of ['server', 'client']) {
      const { context, page } = await openPage(colorScheme, `#/${view}`);
      await page.setViewportSize({ width: 640, height: 800 });
      await page.getByRole('table', { name: 'Events' }).waitFor();
      await shot(page, `${colorScheme}-6-${view}-640`);
      await context.close();
    }
  }
  if (realUrl) return;
  // Browser mode without an engine behind the page: a token but no WebSocket server.
  const context = await browser.newContext({ viewport: { width: 640, height: 500 } });
  const page = await context.newPage();
  await page.goto(`${url}?token=demo#/client`);
  await page.getByText('Disconnected.').waitFor();
  await shot(page, 'light-7-disconnected');
  await page.goto(`${url}#/server`);
  await page.getByText('Not connected.').waitFor();
  await shot(page, 'light-8-no-token');
  await context.close();
}

/**
 * The server and the client each in its own window after a UDP echo and a 1,000,000-character
 * file, as the README's screenshots show them (test/e2e/screenshots.spec.ts), at 1280 and 640 px.
 * Needs the real engine: the fake lab lives inside one page, and these are two.
 */
async function windows() {
  if (!realUrl) {
    console.log('windows: skipped (needs NETLAB_URL, the two windows share one engine)');
    return;
  }
  for (const colorScheme of ['light', 'dark']) {
    const { context, page: serverPage } = await openPage(colorScheme, '#/server');
    const clientPage = await context.newPage();
    clientPage.setDefaultTimeout(STEP_TIMEOUT_MS);
    clientPage.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
    await clientPage.goto(`${url}#/client`);
    await serverPage.getByLabel('Protocol', { exact: true }).selectOption('udp');
    await serverPage.getByLabel('Port', { exact: true }).fill('0');
    await serverPage.getByRole('button', { name: 'Start server' }).click();
    const bound = (await serverPage.locator('.bound .mono').textContent()) ?? '';
    const port = bound.slice(bound.lastIndexOf(':') + 1);
    await clientPage.getByLabel('Protocol', { exact: true }).selectOption('udp');
    await clientPage.getByLabel('Port', { exact: true }).fill(port);
    await clientPage.getByLabel('Message', { exact: true }).fill('hello');
    await clientPage.getByRole('button', { name: 'Send' }).click();
    await summaryDone(clientPage);
    await clientPage.getByRole('tab', { name: 'File' }).click();
    await clientPage.getByLabel('Characters', { exact: true }).fill('1000000');
    await clientPage.getByRole('button', { name: 'Send' }).click();
    await clientPage.getByRole('region', { name: 'Summary' }).getByText('File over UDP').waitFor({ timeout: STEP_TIMEOUT_MS });
    // Charts redraw at most 4× a second: let the last batch reach the canvas.
    await clientPage.waitForTimeout(600);
    for (const width of [1280, 640]) {
      for (const [name, page] of [['server', serverPage], ['client', clientPage]]) {
        await page.setViewportSize({ width, height: 800 });
        await page.mouse.move(0, 0);
        await page.waitForTimeout(300);
        await shot(page, `${colorScheme}-9-${name}-window-${width}`);
        if (width < 1000) {
          // A half-screen window stacks the cards: the timeline and the log are further down.
          await page.getByRole('table', { name: 'Events' }).scrollIntoViewIfNeeded();
          await shot(page, `${colorScheme}-9-${name}-window-${width}-lower`);
        }
      }
    }
    await context.close();
  }
}

try {
  const only = process.env.SHOOT_ONLY;
  if (!only || only === 'windows') await windows();
  if (!only || only === 'single') await singleViews();
  if (!only || only === 'light') await scenario('light');
  if (!only || only === 'dark') await scenario('dark');
  if (!only || only === 'perf') await packetRate();
} finally {
  await browser.close();
  server.close();
}
