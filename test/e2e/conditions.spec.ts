// The network-conditions panel against the real engine: the client's exchanges go through a link
// the lab starts, UDP loses what the link drops (and the timeline marks it), TCP arrives whole
// but later.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.js';
import { EXCHANGE_TIMEOUT_MS, fillAddress, sendAndWait, startServer, summaryFact } from './lab-pages.js';

/** The link's own summary comes when its UDP flow has been idle for 5 s (after the client's). */
const LINK_SUMMARY_TIMEOUT_MS = 20_000;

function panel(page: Page) {
  return page.getByRole('region', { name: 'Network conditions' });
}

async function pickPreset(page: Page, title: string): Promise<void> {
  await panel(page).getByLabel('Preset').selectOption({ label: title });
  await expect(panel(page).getByRole('switch')).toBeChecked();
}

/** Reads a duration the summary prints ("850 ms", "1.02 s") in ms. */
function durationMs(text: string): number {
  const m = /([\d.]+)\s*(ms|s)\b/.exec(text);
  if (!m) throw new Error(`no duration in "${text}"`);
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
}

test('a UDP stream of 1,000 segments through "Lossy 10 %" misses about 100 and the timeline marks the drops', async ({ serverPage, clientPage }) => {
  const bound = await startServer(serverPage, 'udp');
  await fillAddress(clientPage, 'udp', bound.host, bound.port);
  await pickPreset(clientPage, 'Lossy 10 %');
  await expect(panel(clientPage).getByText(/Every datagram has a 10 % chance/)).toBeVisible();
  await sendAndWait(clientPage, 'udp', { type: 'stream', intervalMs: '1', count: '1000', size: '100' });
  await expect(clientPage.getByText(/via link/)).toBeVisible();

  const segments = (await summaryFact(clientPage, 'Segments').textContent()) ?? '';
  const m = /([\d,]+) of 1,000 by sequence number/.exec(segments);
  expect(m, segments).not.toBeNull();
  const missing = 1000 - Number(m![1]!.replace(/,/g, ''));
  // 10 % of 1,000 is 100 ± 9.5 (one σ): a broad band, not a coin toss.
  expect(missing).toBeGreaterThanOrEqual(60);
  expect(missing).toBeLessThanOrEqual(145);
  await expect(summaryFact(clientPage, 'Segments')).toContainText(`Missing (${missing})`);
  await expect(summaryFact(clientPage, 'Conditions')).toContainText('10 %');
  await expect(clientPage.getByTestId('drop-markers')).toBeVisible();
  const marked = Number(/\(([\d,]+)\)/.exec((await clientPage.getByTestId('drop-markers').textContent()) ?? '')![1]!.replace(/,/g, ''));
  // Every datagram the client missed was dropped by the link (the request may have been one too).
  expect(marked).toBeGreaterThanOrEqual(missing);
  expect(marked).toBeLessThanOrEqual(missing + 1);
  // The link's summary says why, by cause.
  await expect(summaryFact(clientPage, 'The link did')).toContainText(/dropped \(random \d+\)/, { timeout: LINK_SUMMARY_TIMEOUT_MS });
});

test('a TCP file of 1,000,000 chars through a 1 MB/s link arrives whole in about a second', async ({ serverPage, clientPage }) => {
  const bound = await startServer(serverPage, 'tcp');
  await fillAddress(clientPage, 'tcp', bound.host, bound.port);
  await pickPreset(clientPage, 'Congested link');
  await sendAndWait(clientPage, 'tcp', { type: 'file', chars: '1000000' });
  await expect(summaryFact(clientPage, 'Received')).toContainText('1,000,000 bytes of 1,000,000 (100 %)');
  await expect(summaryFact(clientPage, 'Lost')).toHaveText('0 bytes');
  const ms = durationMs((await summaryFact(clientPage, 'Duration').textContent()) ?? '');
  expect(ms).toBeGreaterThanOrEqual(700);
  expect(ms).toBeLessThanOrEqual(3000);
  await expect(summaryFact(clientPage, 'Conditions')).toContainText('1 MB/s');
  await expect(summaryFact(clientPage, 'The link did')).toContainText('cannot make the kernel drop a segment');
});

test('the same "Lossy 10 %" over TCP loses nothing: every byte arrives, later', async ({ serverPage, clientPage }) => {
  const bound = await startServer(serverPage, 'tcp');
  await fillAddress(clientPage, 'tcp', bound.host, bound.port);
  await pickPreset(clientPage, 'Lossy 10 %');
  await sendAndWait(clientPage, 'tcp', { type: 'file', chars: '1000000' });
  await expect(summaryFact(clientPage, 'Received')).toContainText('1,000,000 bytes of 1,000,000 (100 %)');
  await expect(summaryFact(clientPage, 'Lost')).toHaveText('0 bytes');
  await expect(summaryFact(clientPage, 'Conditions')).toContainText('retransmission delay');
  await expect(clientPage.getByTestId('drop-markers')).toHaveCount(0);
});

test('invalid conditions are refused on the field and nothing is sent', async ({ clientPage }) => {
  await pickPreset(clientPage, 'Wi-Fi');
  await panel(clientPage).getByRole('button', { name: 'All settings' }).click();
  await panel(clientPage).getByLabel('Random loss (%)').fill('150');
  await clientPage.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(panel(clientPage).getByLabel('Random loss (%)')).toHaveAttribute('aria-invalid', 'true');
  await expect(panel(clientPage).getByText('A percentage is at most 100 %.')).toBeVisible();
  await expect(clientPage.getByRole('button', { name: 'Send', exact: true })).toBeEnabled();
  await expect(clientPage.getByRole('region', { name: 'Summary' })).toContainText('Send a request', { timeout: EXCHANGE_TIMEOUT_MS });
});
