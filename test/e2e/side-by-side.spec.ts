// Route #/ shows both views side by side as regions Server and Client; one page does a round trip.
import { test, expect, openView } from './fixtures.js';
import { eventRows, fillAddress, sendAndWait, startServer, stopServer, summaryFact } from './lab-pages.js';

test('#/ shows the Server and Client panes side by side and they talk to each other', async ({ page, browserMode }) => {
  await openView(page, browserMode, '');
  const server = page.getByRole('region', { name: 'Server' });
  const client = page.getByRole('region', { name: 'Client' });
  await expect(server).toBeVisible();
  await expect(client).toBeVisible();
  const [left, right] = [await server.boundingBox(), await client.boundingBox()];
  expect(left!.x + left!.width).toBeLessThanOrEqual(right!.x + 1);

  const bound = await startServer(server, 'tcp');
  await fillAddress(client, 'tcp', bound.host, bound.port);
  await sendAndWait(client, 'tcp', { type: 'echo', text: 'side by side' });
  await expect(summaryFact(client, 'Received')).toContainText('12 bytes');
  await expect(eventRows(server, 'summary').last()).toBeVisible();
  await stopServer(server);
  await expect(eventRows(server, 'closed').last()).toBeVisible();
});

test('a page without its token says how to get in instead of failing silently', async ({ page, browserMode }) => {
  await page.goto(`${browserMode.origin}/#/client`);
  await expect(page.getByRole('alert').filter({ hasText: 'needs its access token' }).first()).toBeVisible();
});

test('a page with a stale token is told so', async ({ page, browserMode }) => {
  await page.goto(`${browserMode.origin}/?token=stale-token-from-an-earlier-run#/client`);
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong or missing access token' }).first()).toBeVisible();
});
