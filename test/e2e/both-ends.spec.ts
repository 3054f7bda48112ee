// With server and client in one lab (#/), the client shows both ends of a stream on one timeline:
// the one-way delay of each segment, and through a lossy link the drops and what never arrived.
import { test, expect, openView } from './fixtures.js';
import { fillAddress, sendAndWait, startServer, summaryFact } from './lab-pages.js';

test('a UDP stream shows both ends on one timeline with each segment’s one-way delay', async ({ page, browserMode }) => {
  await openView(page, browserMode, '');
  const server = page.getByRole('region', { name: 'Server' });
  const client = page.getByRole('region', { name: 'Client' });
  const bound = await startServer(server, 'udp');
  await fillAddress(client, 'udp', bound.host, bound.port);
  await sendAndWait(client, 'udp', { type: 'stream', intervalMs: '1', count: '200', size: '100' });
  const both = client.getByRole('region', { name: 'Both ends' });
  await expect(both).toBeVisible();
  await expect(both.getByTestId('one-way-delay')).toContainText('One-way delay (200 segments)', { timeout: 10_000 });
  await expect(both).toContainText('Paired by stream sequence number');
  await expect(both.locator('canvas').first()).toBeVisible();
  await expect(summaryFact(client, 'On the wire (estimated)')).toContainText('% payload');
});
