// `netlab link` as a user runs it: a real server, the link and a client, each its own process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliProcess, runCli } from './run-cli.js';

const LISTENING_RE = /listening (tcp|udp) 127\.0\.0\.1:(\d+)/;
const LINK_RE = /link (udp|tcp) 127\.0\.0\.1:(\d+) → 127\.0\.0\.1:\d+: (.*)\. Ctrl-C stops\./;

describe('netlab link', () => {
  let server: CliProcess;
  let port: string;

  beforeAll(async () => {
    server = new CliProcess(['server', 'udp', '--host', '127.0.0.1', '--port', '0']);
    port = (await server.waitFor(LISTENING_RE))[2]!;
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('relays a UDP stream with seeded loss and prints one line per flow', async () => {
    const link = new CliProcess(['link', 'udp', '--listen', '127.0.0.1:0', '--to', `127.0.0.1:${port}`, '--loss', '10%', '--seed', '42', '--direction', 'down']);
    try {
      const m = await link.waitFor(LINK_RE);
      expect(m[3]).toBe('down: loss 10 %, seed 42');
      const client = await runCli(['client', 'udp', '--host', '127.0.0.1', '--port', m[2]!, 'stream', '--interval', '0.5', '--count', '300', '--size', '40', '--json']);
      expect(client.code).toBe(0);
      const summary = JSON.parse(client.stdout.trim().split('\n').pop()!) as { summary?: { missing: number }; missing?: number };
      const missing = (summary.summary ?? summary).missing as number;
      // The link's line comes when the flow has been idle for its expiry time.
      const line = await link.waitFor(/flow "stream-0.5-300-40"\s+idle-timeout: (.*)/);
      const dropped = /dropped (\d+) \(random \d+\)/.exec(line[1]!);
      expect(dropped).not.toBeNull();
      expect(Number(dropped![1])).toBe(missing);
      expect(missing).toBeGreaterThan(10);
      expect(missing).toBeLessThan(60);
    } finally {
      const r = await link.stop();
      expect(r.stderr).toMatch(/stopping the link/);
    }
  });

  it.each([
    [['--loss', '150%'], /--loss .*over 100 %/],
    [['--delay', '-5ms'], /--delay .*cannot be negative/],
    [['--rate', '1KB/s', '--queue', '100'], /--queue: a UDP queue must hold at least one 1120-byte datagram/],
    [['--slice', '10±20'], /--slice .*smaller than the slice/],
    [['--preset', 'moon'], /--preset .*no preset "moon"/],
  ])('refuses %j with one line naming the flag', async (extra, re) => {
    const r = await runCli(['link', 'udp', '--listen', ':0', '--to', '127.0.0.1:9', ...extra]);
    expect(r.code).not.toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(re);
  });

  it('refuses to listen on the address it forwards to', async () => {
    const r = await runCli(['link', 'tcp', '--listen', '127.0.0.1:8120', '--to', '127.0.0.1:8120']);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim()).toBe('error: --listen: the link cannot listen on the address it forwards to.');
  });
});
