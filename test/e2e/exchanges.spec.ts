// Every command over TCP and over UDP, from a client view to a server view (two tabs), with
// the events and the summary a student would check.
import { test, expect } from './fixtures.js';
import {
  EXCHANGE_TIMEOUT_MS,
  eventRows,
  fillAddress,
  grouped,
  newestEventRows,
  sendAndWait,
  startServer,
  summaryFact,
  summaryRegion,
} from './lab-pages.js';
import type { Proto } from './lab-pages.js';

const FILE_CHARS = 1_000_000;
const STREAM_COUNT = 200;
const STREAM_SIZE_BYTES = 1024;
const STREAM_INTERVAL_MS = 2;

for (const proto of ['tcp', 'udp'] as const satisfies readonly Proto[]) {
  test(`echo, a ${grouped(FILE_CHARS)}-character file and a ${STREAM_COUNT}-segment stream over ${proto.toUpperCase()}`, async ({
    serverPage,
    clientPage,
  }) => {
    const bound = await startServer(serverPage, proto);
    expect(bound.host).toBe('127.0.0.1');
    expect(bound.port).toBeGreaterThan(0);
    await expect(eventRows(serverPage, 'listening').first()).toBeVisible();

    await fillAddress(clientPage, proto, bound.host, bound.port);

    await test.step('echo', async () => {
      await sendAndWait(clientPage, proto, { type: 'echo', text: 'hello netlab' });
      await expect(clientPage.locator('output')).toHaveText('HELLO NETLAB');
      await expect(summaryFact(clientPage, 'Received')).toContainText('12 bytes');
      await expect(summaryFact(clientPage, 'Lost')).toHaveText('0 bytes');
      await expect((await newestEventRows(clientPage, 'summary')).last()).toBeVisible();
    });

    await test.step('file', async () => {
      await sendAndWait(clientPage, proto, { type: 'file', chars: String(FILE_CHARS) });
      await expect(summaryFact(clientPage, 'Received')).toHaveText(
        `${grouped(FILE_CHARS)} bytes of ${grouped(FILE_CHARS)} (100 %)`,
      );
      await expect(summaryFact(clientPage, 'Lost')).toHaveText('0 bytes');
      await expect(summaryFact(clientPage, 'file_prepared after')).toBeVisible();
      const packets = summaryFact(clientPage, proto === 'tcp' ? 'Socket reads' : 'Datagrams');
      await expect(packets).toBeVisible();
      if (proto === 'udp') await expect(packets).toContainText(grouped(Math.ceil(FILE_CHARS / 1120)));
      // TCP ends at the server's FIN; a UDP client that knows N stops as soon as N bytes arrived.
      await expect(summaryFact(clientPage, 'How it ended')).toContainText(proto === 'tcp' ? 'FIN' : 'Complete');
      await expect((await newestEventRows(clientPage, 'summary')).last()).toBeVisible();
    });

    await test.step('stream', async () => {
      await sendAndWait(clientPage, proto, {
        type: 'stream',
        intervalMs: String(STREAM_INTERVAL_MS),
        count: String(STREAM_COUNT),
        size: String(STREAM_SIZE_BYTES),
      });
      const total = STREAM_COUNT * STREAM_SIZE_BYTES;
      await expect(summaryFact(clientPage, 'Received')).toHaveText(`${grouped(total)} bytes of ${grouped(total)} (100 %)`);
      await expect(summaryFact(clientPage, 'Lost')).toHaveText('0 bytes');
      await expect(summaryFact(clientPage, 'Segments')).toContainText(
        `${STREAM_COUNT} of ${STREAM_COUNT} by sequence number`,
      );
      await expect((await newestEventRows(clientPage, 'summary')).last()).toBeVisible();
    });

    // The server view saw the same three exchanges, each answered.
    const exchanges = serverPage.getByRole('table', { name: 'Exchanges' });
    await expect(exchanges.getByRole('row')).toHaveCount(4, { timeout: EXCHANGE_TIMEOUT_MS });
    await expect(exchanges).toContainText(grouped(FILE_CHARS));
    await expect((await newestEventRows(serverPage, 'summary')).last()).toBeVisible();
    await expect(summaryRegion(clientPage)).not.toContainText('error');
  });
}
