// The event log keeps following the newest event while packets pour in, unless the student
// scrolls up: nobody should have to click "Jump to newest" after a stream they only watched.
import { test, expect } from './fixtures.js';
import { eventRows, fillAddress, sendAndWait, startServer } from './lab-pages.js';

test('the Events table follows a fast UDP stream to its summary on both views', async ({ serverPage, clientPage }) => {
  const bound = await startServer(serverPage, 'udp');
  await fillAddress(clientPage, 'udp', bound.host, bound.port);
  await sendAndWait(clientPage, 'udp', { type: 'stream', intervalMs: '1', count: '500', size: '512' });
  for (const page of [clientPage, serverPage]) {
    await expect(eventRows(page, 'summary').last()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Jump to newest' })).toBeHidden();
  }
});
