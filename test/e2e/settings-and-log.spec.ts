// Issue 9's polish in a real browser: settings survive a reload, the log's filter narrows to one
// exchange, and Escape cancels a long stream.
import { test, expect } from './fixtures.js';
import { EXCHANGE_TIMEOUT_MS, eventsTable, fillAddress, fillCommand, sendAndWait, startServer, summaryRegion } from './lab-pages.js';

test('the client’s and the server’s settings survive a reload', async ({ serverPage, clientPage }) => {
  await fillAddress(clientPage, 'udp', '::1', 9999);
  await clientPage.getByLabel('Idle timeout (s)', { exact: true }).fill('3.5');
  await clientPage.getByRole('tab', { name: 'Stream' }).click();
  await clientPage.getByLabel('Count', { exact: true }).fill('42');
  await fillAddress(serverPage, 'udp', '127.0.0.1', 9998);
  await serverPage.getByLabel('UDP chunk (bytes)', { exact: true }).fill('512');
  await serverPage.getByLabel('Sequence numbers in stream segments').uncheck();

  await clientPage.reload();
  await serverPage.reload();

  await expect(clientPage.getByLabel('Protocol', { exact: true })).toHaveValue('udp');
  await expect(clientPage.getByLabel('Host', { exact: true })).toHaveValue('::1');
  await expect(clientPage.getByLabel('Port', { exact: true })).toHaveValue('9999');
  await expect(clientPage.getByLabel('Idle timeout (s)', { exact: true })).toHaveValue('3.5');
  await expect(clientPage.getByRole('tab', { name: 'Stream' })).toHaveAttribute('aria-selected', 'true');
  await expect(clientPage.getByLabel('Count', { exact: true })).toHaveValue('42');
  await expect(serverPage.getByLabel('Protocol', { exact: true })).toHaveValue('udp');
  await expect(serverPage.getByLabel('Port', { exact: true })).toHaveValue('9998');
  await expect(serverPage.getByLabel('UDP chunk (bytes)', { exact: true })).toHaveValue('512');
  await expect(serverPage.getByLabel('Sequence numbers in stream segments')).not.toBeChecked();
});

test('the event log’s filter narrows to one exchange, and its row opens in full', async ({ serverPage, clientPage }) => {
  const bound = await startServer(serverPage, 'tcp');
  await fillAddress(clientPage, 'tcp', bound.host, bound.port);
  await sendAndWait(clientPage, 'tcp', { type: 'echo', text: 'first one' });
  await sendAndWait(clientPage, 'tcp', { type: 'stream', intervalMs: '1', count: '5', size: '20' });

  const exchange = clientPage.getByLabel('Exchange', { exact: true });
  // Newest first: the echo is the last choice.
  const exchangeIds = async (): Promise<string[]> =>
    (await exchange.locator('option').allTextContents()).filter((o) => /^x[\d.]+$/.test(o));
  // The filter's choices follow the log at its throttled pace: wait (bounded) for the second one.
  await expect.poll(exchangeIds, { timeout: 5000 }).toHaveLength(2);
  const ids = await exchangeIds();
  const echoId = ids[1]!;
  await exchange.selectOption(echoId);

  const rows = eventsTable(clientPage).getByRole('row');
  await expect(clientPage.getByText(/^\d+ of \d+ events/)).toBeVisible();
  const cells = await eventsTable(clientPage).locator('.log-body [role=row] .c-x').allTextContents();
  expect(cells.length).toBeGreaterThan(1);
  expect(new Set(cells)).toEqual(new Set([echoId]));
  await expect(rows.filter({ hasText: 'first one' }).first()).toBeVisible();

  // Its summary row in full, then Escape back to the log.
  await rows.filter({ hasText: 'summary' }).first().click();
  const dialog = clientPage.getByRole('dialog');
  await expect(dialog).toContainText(`exchange${echoId}`);
  await expect(dialog).toContainText('since exchange');
  await clientPage.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // A search narrows further; Show all brings everything back.
  await clientPage.getByRole('searchbox', { name: 'Search events' }).fill('first one');
  await expect(eventsTable(clientPage).locator('.log-body [role=row]').first()).toContainText('first one');
  await clientPage.getByRole('button', { name: 'Show all' }).click();
  await expect(clientPage.getByText(/^\d+ events/)).toBeVisible();
});

test('Escape cancels a long stream', async ({ serverPage, clientPage }) => {
  const bound = await startServer(serverPage, 'tcp');
  await fillAddress(clientPage, 'tcp', bound.host, bound.port);
  // 1,000 segments 50 ms apart: 50 s, far longer than the test waits.
  await fillCommand(clientPage, { type: 'stream', intervalMs: '50', count: '1000', size: '100' });
  await clientPage.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(clientPage.getByRole('button', { name: 'Cancel' })).toBeEnabled();
  await expect(eventsTable(clientPage).getByRole('row').filter({ hasText: 'rx' }).first()).toBeVisible();
  await clientPage.locator('body').press('Escape');
  await expect(summaryRegion(clientPage).getByText('cancelled', { exact: true })).toBeVisible({ timeout: EXCHANGE_TIMEOUT_MS });
  await expect(clientPage.getByRole('button', { name: 'Send', exact: true })).toBeEnabled();
});
