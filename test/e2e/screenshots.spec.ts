// The README's pictures: the server and the client view at 1280×800 after a real file transfer.
import path from 'node:path';
import { test, expect, openView } from './fixtures.js';
import { historyRows, startBothServers } from './history-pages.js';
import { EXCHANGE_TIMEOUT_MS, fillCommand, newestEventRows, fillAddress, sendAndWait, startServer, summaryFact } from './lab-pages.js';

const SHOTS_DIR = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');

test('screenshots of the server and client views after a file transfer', async ({ serverPage, clientPage }) => {
  for (const page of [serverPage, clientPage]) expect(page.viewportSize()).toEqual({ width: 1280, height: 800 });
  const bound = await startServer(serverPage, 'udp');
  await fillAddress(clientPage, 'udp', bound.host, bound.port);
  await sendAndWait(clientPage, 'udp', { type: 'echo', text: 'hello' });
  await sendAndWait(clientPage, 'udp', { type: 'file', chars: '1000000' });
  await expect(summaryFact(clientPage, 'Received')).toContainText('1,000,000 bytes of 1,000,000');
  await expect((await newestEventRows(serverPage, 'summary')).last()).toBeVisible();
  await expect(serverPage.getByRole('table', { name: 'Exchanges' }).getByRole('row')).toHaveCount(3);
  // The caret blinks and the hover state depends on the last click: neither belongs in a picture.
  for (const page of [serverPage, clientPage]) {
    await page.mouse.move(0, 0);
    const focused = page.locator(':focus');
    if ((await focused.count()) > 0) await focused.blur();
  }
  await serverPage.screenshot({ path: path.join(SHOTS_DIR, 'server.png'), animations: 'disabled' });
  await clientPage.screenshot({ path: path.join(SHOTS_DIR, 'client.png'), animations: 'disabled' });
});

test('screenshot of the network-conditions link between the two views after a UDP stream through "Lossy 10 %"', async ({ page, browserMode }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openView(page, browserMode, '');
  const server = page.getByRole('region', { name: 'Server' });
  const client = page.getByRole('region', { name: 'Client' });
  const conditions = page.getByRole('region', { name: 'Network conditions' });
  const bound = await startServer(server, 'udp');
  await fillAddress(client, 'udp', bound.host, bound.port);
  await conditions.getByLabel('Preset').selectOption({ label: 'Lossy 10 %' });
  await conditions.getByLabel('Seed').fill('42');
  await sendAndWait(client, 'udp', { type: 'stream', intervalMs: '2', count: '1000', size: '100' });
  await expect(summaryFact(client, 'Segments')).toContainText('Missing');
  await expect(summaryFact(client, 'The link did')).toContainText('dropped (random', { timeout: 20_000 });
  await page.mouse.move(0, 0);
  const focused = page.locator(':focus');
  if ((await focused.count()) > 0) await focused.blur();
  // The summary is what the picture is about: bring it into the client pane's view.
  await summaryFact(client, 'The link did').scrollIntoViewIfNeeded();
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SHOTS_DIR, 'conditions.png'), animations: 'disabled' });
});

test('screenshots of the history and of a TCP vs UDP comparison', async ({ serverPage, clientPage }) => {
  const port = await startBothServers(serverPage);
  await fillAddress(clientPage, 'tcp', '127.0.0.1', port);
  const runBoth = clientPage.getByRole('button', { name: 'Run over TCP and UDP' });
  const compare = clientPage.getByRole('dialog', { name: 'Compare exchanges' });
  // A short history first: an echo, a refused file, then the file the picture compares.
  await sendAndWait(clientPage, 'tcp', { type: 'echo', text: 'hello' });
  await fillCommand(clientPage, { type: 'file', chars: '999999999999' });
  await clientPage.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(historyRows(clientPage)).toHaveCount(2, { timeout: EXCHANGE_TIMEOUT_MS });
  await fillCommand(clientPage, { type: 'stream', intervalMs: '2', count: '300', size: '1000' });
  await runBoth.click();
  await expect(compare).toBeVisible({ timeout: 3 * EXCHANGE_TIMEOUT_MS });
  await expect(historyRows(clientPage)).toHaveCount(4);
  await clientPage.mouse.move(0, 0);
  await clientPage.waitForTimeout(600);
  await clientPage.screenshot({ path: path.join(SHOTS_DIR, 'compare.png'), animations: 'disabled' });
  await compare.getByRole('button', { name: 'Close' }).click();
  // The history with the TCP stream picked: its summary, timeline and events.
  await historyRows(clientPage).nth(1).click();
  await clientPage.setViewportSize({ width: 1280, height: 1700 });
  await clientPage.getByRole('region', { name: 'History' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await clientPage.mouse.move(0, 0);
  const focused = clientPage.locator(':focus');
  if ((await focused.count()) > 0) await focused.blur();
  await clientPage.waitForTimeout(600);
  await clientPage.getByRole('region', { name: 'History' }).screenshot({ path: path.join(SHOTS_DIR, 'history.png'), animations: 'disabled' });
});

test('screenshot of the Experiments view after "TCP vs UDP under 10 % loss"', async ({ page, browserMode }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 1080 });
  await page.goto(`${browserMode.origin}/?token=${browserMode.token}#/experiments/lossy-stream`);
  const sheet = page.getByRole('region', { name: 'TCP vs UDP under 10 % loss' });
  await sheet.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByText('All 2 runs done.')).toBeVisible({ timeout: 90_000 });
  await expect(page.locator('tr[data-row="link dropped → client"] td').first()).toContainText('random');
  await page.mouse.move(0, 0);
  const focused = page.locator(':focus');
  if ((await focused.count()) > 0) await focused.blur();
  await page.screenshot({ path: path.join(SHOTS_DIR, 'experiments.png'), animations: 'disabled' });
});

test('screenshot of both ends on one timeline: a UDP stream through "Lossy 10 %"', async ({ page, browserMode }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await openView(page, browserMode, '');
  const server = page.getByRole('region', { name: 'Server' });
  const client = page.getByRole('region', { name: 'Client' });
  const conditions = page.getByRole('region', { name: 'Network conditions' });
  const bound = await startServer(server, 'udp');
  await fillAddress(client, 'udp', bound.host, bound.port);
  await conditions.getByLabel('Preset').selectOption({ label: 'Lossy 10 %' });
  await conditions.getByLabel('Seed').fill('42');
  await sendAndWait(client, 'udp', { type: 'stream', intervalMs: '2', count: '500', size: '100' });
  const both = client.getByRole('region', { name: 'Both ends' });
  await expect(both.getByTestId('one-way-delay')).toBeVisible({ timeout: 10_000 });
  await expect(both).toContainText('Never arrived');
  await page.mouse.move(0, 0);
  const focused = page.locator(':focus');
  if ((await focused.count()) > 0) await focused.blur();
  await both.scrollIntoViewIfNeeded();
  await page.waitForTimeout(600);
  await both.screenshot({ path: path.join(SHOTS_DIR, 'both-ends.png'), animations: 'disabled' });
});
