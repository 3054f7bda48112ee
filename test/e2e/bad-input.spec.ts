// Wrong values get a clear message next to the field, and nothing is sent.
import { createSocket } from 'node:dgram';
import type { Socket as UdpSocket } from 'node:dgram';
import { createServer } from 'node:net';
import type { AddressInfo, Server as TcpServer } from 'node:net';
import { test, expect } from './fixtures.js';
import { fillAddress, fillCommand, startServer, summaryRegion } from './lab-pages.js';
import type { ClientCommand, Proto } from './lab-pages.js';

const cases: { name: string; proto: Proto; command: ClientCommand; field: string; message: RegExp }[] = [
  {
    name: 'non-integer Characters',
    proto: 'tcp',
    command: { type: 'file', chars: '12.5' },
    field: 'Characters',
    message: /“12\.5” is not a whole number/,
  },
  {
    name: 'text for Characters',
    proto: 'udp',
    command: { type: 'file', chars: 'lots' },
    field: 'Characters',
    message: /“lots” is not a whole number/,
  },
  {
    name: 'Size over 65,507 for UDP',
    proto: 'udp',
    command: { type: 'stream', intervalMs: '10', count: '5', size: '65508' },
    field: 'Size (bytes)',
    message: /A UDP segment is at most 65,507 bytes/,
  },
];

test.describe('bad values in the client view', () => {
  for (const c of cases) {
    test(`${c.name} is refused with a clear message`, async ({ serverPage, clientPage }) => {
      const bound = await startServer(serverPage, c.proto);
      await fillAddress(clientPage, c.proto, bound.host, bound.port);
      await fillCommand(clientPage, c.command);
      await clientPage.getByRole('button', { name: 'Send', exact: true }).click();
      const field = clientPage.getByLabel(c.field, { exact: true });
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(field).toHaveAccessibleDescription(c.message);
      await expect(clientPage.getByRole('alert').filter({ hasText: c.message })).toBeVisible();
      await expect(summaryRegion(clientPage)).toContainText('Send a request');
      // Correcting the value clears the message.
      await field.fill('10');
      await expect(field).not.toHaveAttribute('aria-invalid', 'true');
    });
  }

  test('Characters over the server’s limit are sent, and the server’s refusal is shown', async ({ serverPage, clientPage }) => {
    const bound = await startServer(serverPage, 'tcp');
    await fillAddress(clientPage, 'tcp', bound.host, bound.port);
    await fillCommand(clientPage, { type: 'file', chars: '123456790' });
    await clientPage.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(clientPage.getByLabel('Characters', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
    await expect(clientPage.getByRole('alert').filter({ hasText: /Server limit is: 123456789 chars/ })).toBeVisible();
  });

  test('the same 65,508-byte size is fine over TCP', async ({ clientPage }) => {
    await fillAddress(clientPage, 'tcp', '127.0.0.1', 9);
    await fillCommand(clientPage, { type: 'stream', intervalMs: '10', count: '1', size: '65508' });
    await expect(clientPage.getByLabel('Size (bytes)', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
    await clientPage.getByLabel('Protocol', { exact: true }).selectOption('udp');
    await clientPage.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(clientPage.getByLabel('Size (bytes)', { exact: true })).toHaveAccessibleDescription(/65,507/);
  });
});

test.describe('a server port already in use', () => {
  let tcp: TcpServer | null = null;
  let udp: UdpSocket | null = null;
  test.afterEach(async () => {
    await new Promise<void>((resolve) => (tcp ? tcp.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => (udp ? udp.close(() => resolve()) : resolve()));
    tcp = null;
    udp = null;
  });

  /** Another program holds the port: a plain Node socket in the test process. */
  async function occupy(proto: Proto): Promise<number> {
    if (proto === 'tcp') {
      const server = createServer();
      tcp = server;
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
      return (server.address() as AddressInfo).port;
    }
    const socket = createSocket('udp4');
    udp = socket;
    await new Promise<void>((resolve, reject) => socket.once('error', reject).bind(0, '127.0.0.1', resolve));
    return socket.address().port;
  }

  for (const proto of ['tcp', 'udp'] as const) {
    test(`over ${proto.toUpperCase()} shows the engine's message at the Port field`, async ({ serverPage }) => {
      const port = await occupy(proto);
      await fillAddress(serverPage, proto, '127.0.0.1', port);
      await serverPage.getByRole('button', { name: 'Start server' }).click();
      const field = serverPage.getByLabel('Port', { exact: true });
      await expect(field).toHaveAccessibleDescription(`Port already in use: another program is listening on 127.0.0.1:${port}.`);
      await expect(serverPage.getByRole('button', { name: 'Start server' })).toBeEnabled();
      await expect(serverPage.getByRole('status').filter({ hasText: 'Listening on' })).toHaveCount(0);
    });
  }
});
