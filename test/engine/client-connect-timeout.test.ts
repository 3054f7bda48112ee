// A host that drops the SYN: the TCP client gives up after its connect timeout with a clear
// TIMEOUT instead of hanging for the OS's ~2 minutes. The "dead host" is a real loopback listener
// whose accept queue is full, so Linux drops further SYNs (Node's net.Server always accepts, so a
// python3 child that listens and never accepts plays it).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientConfigSchema } from '../../src-shared/api.js';
import { TcpClient } from '../../src-main/engine/client/tcp-client.js';
import { EventLog } from '../helpers/raw-servers.js';

const PYTHON = spawnSync('python3', ['--version']).status === 0 ? 'python3' : null;
const LISTEN_NO_ACCEPT = `
import socket, sys
s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(0)
print(s.getsockname()[1], flush=True)
sys.stdin.read()
`;
const FILLERS = 4;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function fullListener(): Promise<number> {
  const child: ChildProcess = spawn(PYTHON!, ['-c', LISTEN_NO_ACCEPT], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  cleanups.push(() => child.kill());
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  const port = Number(chunk.toString().trim());
  // Fill the accept queue; fillers that never complete are fine, they only have to send SYNs first.
  for (let i = 0; i < FILLERS; i++) {
    const filler = net.connect({ host: '127.0.0.1', port });
    filler.on('error', () => {});
    cleanups.push(() => filler.destroy());
  }
  return port;
}

describe.skipIf(PYTHON === null)(
  'TcpClient connect timeout (needs python3 for a listener that never accepts)',
  () => {
    it('ends with TIMEOUT and a timeout event when the SYN goes unanswered', async () => {
      const port = await fullListener();
      const log = new EventLog();
      const config = ClientConfigSchema.parse({
        proto: 'tcp',
        host: '127.0.0.1',
        port,
        connectTimeoutMs: 300,
      });
      const client = new TcpClient({ id: 'c1', config, sink: log.sink });
      cleanups.push(() => void client.close());
      const summary = await client.run({ type: 'echo', text: 'hello' });
      expect(summary.end).toBe('error');
      expect(summary.error?.code).toBe('TIMEOUT');
      expect(summary.error?.message).toMatch(/No answer from 127\.0\.0\.1:\d+ within 0\.3 s/);
      expect(log.events.some((e) => e.kind === 'timeout')).toBe(true);
      expect(log.events.some((e) => e.kind === 'connect')).toBe(false);
    });
  },
);
