// Browser mode, as a student follows a lab sheet: the server started as TCP + UDP on one port,
// "Run over TCP and UDP" from the client, both exchanges in the history of both views (one id
// for both ends), and their comparison with both protocols side by side.
import { test, expect } from './fixtures.js';
import { historyRows, startBothServers } from './history-pages.js';
import { EXCHANGE_TIMEOUT_MS, fillAddress, fillCommand } from './lab-pages.js';

test('Run over TCP and UDP against a TCP + UDP server: both in the history and compared', async ({ serverPage, clientPage }) => {
  const port = await startBothServers(serverPage);
  await fillAddress(clientPage, 'tcp', '127.0.0.1', port);
  await fillCommand(clientPage, { type: 'file', chars: '100000' });
  await clientPage.getByRole('button', { name: 'Run over TCP and UDP' }).click();

  const compare = clientPage.getByRole('dialog', { name: 'Compare exchanges' });
  await expect(compare).toBeVisible({ timeout: 2 * EXCHANGE_TIMEOUT_MS });
  const table = compare.getByRole('table', { name: 'Comparison' });
  const protoRow = table.locator('tbody tr').filter({ has: clientPage.getByRole('rowheader', { name: /^Protocol/ }) });
  await expect(protoRow).toContainText('TCP');
  await expect(protoRow).toContainText('UDP');
  await expect(protoRow).toHaveAttribute('data-differs', 'true');
  const commandRow = table.locator('tbody tr').filter({ has: clientPage.getByRole('rowheader', { name: /^Command/ }) });
  await expect(commandRow).toHaveAttribute('data-differs', 'false');
  await expect(table.locator('tbody tr').filter({ hasText: 'Reads / datagrams' })).toContainText('datagrams');
  await compare.getByRole('button', { name: 'Close' }).click();
  await expect(compare).toBeHidden();

  // The client's history: UDP newest, then TCP, both done.
  const rows = historyRows(clientPage);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('UDP');
  await expect(rows.nth(1)).toContainText('TCP');
  await expect(rows.nth(0).locator('.badge')).toHaveText('done');
  const clientIds = [await rows.nth(0).locator('td').nth(1).innerText(), await rows.nth(1).locator('td').nth(1).innerText()];

  // The server saw both, on one port, and shows the client's ids.
  const serverRows = historyRows(serverPage);
  await expect(serverRows).toHaveCount(2, { timeout: EXCHANGE_TIMEOUT_MS });
  await expect(serverRows.nth(0)).toContainText('UDP');
  await expect(serverRows.nth(1)).toContainText('TCP');
  for (const [i, id] of clientIds.entries()) {
    await expect(serverRows.nth(i).locator('td').nth(1)).toHaveText(id.trim());
  }

  // Picking the TCP one shows its own events; the newest is no longer followed.
  await rows.nth(1).click();
  await expect(clientPage.getByLabel('Follow newest')).not.toBeChecked();
  const id = clientIds[1]!.replace(/\s*⇄\s*$/, '').trim();
  await expect(clientPage.getByRole('region', { name: `Exchange ${id}` })).toContainText('request');
});
