import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { WEB_DEFAULT_PORT } from '../../src-shared/bridge.js';
import { CliProcess } from './run-cli.js';

/** Holds WEB_DEFAULT_PORT on 127.0.0.1 for the test; resolves false when something else has it. */
function occupy(): Promise<net.Server | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(null));
    server.listen(WEB_DEFAULT_PORT, '127.0.0.1', () => resolve(server));
  });
}

describe('netlab web port', () => {
  it('falls back to a free port, and says so, when the default port is taken', async () => {
    const holder = await occupy();
    const web = new CliProcess(['web']);
    try {
      const m = await web.waitFor(/http:\/\/127\.0\.0\.1:(\d+)\/\?token=/);
      expect(Number(m[1])).not.toBe(WEB_DEFAULT_PORT);
      expect(web.stderr).toMatch(new RegExp(`Port ${WEB_DEFAULT_PORT} is taken .* uses a free port`));
    } finally {
      web.child.kill('SIGTERM');
      holder?.close();
    }
  });
});
