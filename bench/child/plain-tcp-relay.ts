// The reference for the perfect-link row: the smallest TCP relay Node can be (pipe both ways,
// 1 MiB reads from the server side as the link does), in its own process. Prints its port.
import { connect, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

const targetPort = Number(process.argv[2]);
const READ_BYTES = 1024 * 1024;
const HIGH_WATER_MARK_BYTES = 4 * 1024 * 1024;

const server = createServer({ allowHalfOpen: true, highWaterMark: HIGH_WATER_MARK_BYTES }, (client) => {
  const upstream = connect({
    port: targetPort,
    host: '127.0.0.1',
    allowHalfOpen: true,
    onread: {
      buffer: Buffer.allocUnsafe(READ_BYTES),
      callback: (n: number, buf: Uint8Array): boolean => {
        if (!client.write(Buffer.from(buf.subarray(0, n)))) {
          upstream.pause();
          client.once('drain', () => upstream.resume());
        }
        return true;
      },
    },
  });
  client.pipe(upstream);
  upstream.on('end', () => client.end());
  client.on('error', () => upstream.destroy());
  upstream.on('error', () => client.destroy());
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
process.stdin.on('end', () => process.exit(0)).resume();
