// `netlab server` and the bounds: flags whose help prints the defaults from the constants, the
// settings reaching the server, and the one exposure line when it listens beyond loopback.
import { afterEach, describe, expect, it } from 'vitest';
import {
  TCP_MAX_CONNECTIONS_DEFAULT,
  TCP_MAX_CONNECTIONS_PER_HOST_DEFAULT,
  UDP_MAX_TRANSFERS_PER_SOURCE_DEFAULT,
} from '../../src-shared/protocol/server-limits.js';
import { CliProcess, runCli } from './run-cli.js';

const running: CliProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop()));
});

describe('netlab server: bounds', () => {
  it('help lists every bound with its default', async () => {
    const r = await runCli(['server', '--help']);
    expect(r.code).toBe(0);
    const help = r.stdout.replace(/\s+/g, ' ');
    expect(help).toContain(`--max-connections <N> TCP: concurrent connections, then refused (default ${TCP_MAX_CONNECTIONS_DEFAULT})`);
    expect(help).toContain(`(default ${TCP_MAX_CONNECTIONS_PER_HOST_DEFAULT})`);
    expect(help).toContain(`--udp-max-per-source <N> UDP: concurrent transfers to one address (default ${UDP_MAX_TRANSFERS_PER_SOURCE_DEFAULT})`);
    for (const flag of ['--udp-max-transfers', '--udp-source-rate', '--udp-total-rate', '--stream-max-duration', '--max-per-host']) {
      expect(help).toContain(flag);
    }
  });

  it('says nothing more on loopback; on all interfaces, one line with the limits in force', async () => {
    const loop = new CliProcess(['server', 'udp', '--host', '127.0.0.1', '--port', '0']);
    running.push(loop);
    await loop.waitFor(/Ctrl-C stops\.\n/);
    expect(loop.stdout).not.toContain('Reachable from the network');

    const wide = new CliProcess(['server', 'tcp', '--host', '0.0.0.0', '--port', '0', '--max-connections', '2', '--max-per-host', '1']);
    running.push(wide);
    const [line] = await wide.waitFor(/^Reachable from the network.*$/m);
    expect(line).toBe(
      'Reachable from the network (0.0.0.0): at most 2 connections, 1 per host; ' +
        'streams up to 3,600 s and 123,456,789 bytes, files up to 123,456,789 chars.',
    );
  });

  it('a bound out of range is refused with the field named', async () => {
    const r = await runCli(['server', 'udp', '--host', '127.0.0.1', '--port', '0', '--udp-max-per-source', '999999999']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/udpMaxTransfersPerSource/);
  });
});
