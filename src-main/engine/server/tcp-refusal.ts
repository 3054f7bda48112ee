// A TCP connection over a server bound (docs/protocol.md §8): one line, then close. The request is
// never read, so a refused connection costs a file descriptor for at most REFUSAL_LINGER_MS.
import type { Socket } from 'node:net';
import { socketAddress } from './addresses.js';
import { ExchangeReporter } from './exchange-reporter.js';
import { refusedPlan } from './reply-plan.js';
import type { ConnectionScope } from './tcp-connection.js';

/** A refused peer that does not close after our FIN is dropped after this long. */
export const REFUSAL_LINGER_MS = 1000;

/** Sends `line`, closes, and resolves once the socket is gone. */
export function refuseConnection(socket: Socket, line: string, scope: ConnectionScope): Promise<void> {
  const remote = socketAddress(socket.remoteAddress, socket.remotePort);
  const reporter = new ExchangeReporter({
    sink: scope.sink,
    endpoint: scope.endpoint,
    proto: 'tcp',
    exchange: scope.sink.newExchangeId(),
    local: socketAddress(socket.localAddress, socket.localPort),
    remote,
  });
  reporter.event('accept', { detail: `connection from ${remote}` });
  const wire = Buffer.from(line, 'latin1');
  reporter.request(refusedPlan('not read: refused', '', line, wire), 0);
  socket.on('error', () => undefined);
  // Whatever the peer sends is read and dropped, so its writes never block on us.
  socket.resume();
  socket.end(wire);
  reporter.tx(wire.length);
  const linger = setTimeout(() => socket.destroy(), REFUSAL_LINGER_MS);
  return new Promise((resolve) => {
    socket.once('close', () => {
      clearTimeout(linger);
      reporter.finish('done', 'refused, connection closed');
      resolve();
    });
  });
}
