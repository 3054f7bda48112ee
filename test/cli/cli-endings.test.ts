// The `netlab client` command's honest endings: a reply cut short and a reply timeout exit 1 with
// one line on stderr; Ctrl-C with --json still prints the partial summary and exits 130.
import type net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { segment, startRawTcpServer } from '../helpers/raw-servers.js';
import type { RawServer } from '../helpers/raw-servers.js';
import { CliProcess, runCli } from './run-cli.js';

const open: RawServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function rawServer(onRequest: (socket: net.Socket, request: string) => void): Promise<string> {
  const s = await startRawTcpServer('127.0.0.1', onRequest);
  open.push(s);
  return String(s.port);
}

const client = (port: string, ...rest: string[]) => [
  'client',
  'tcp',
  '--host',
  '127.0.0.1',
  '--port',
  port,
  ...rest,
];

describe('netlab client: honest endings', () => {
  it('a file cut short exits 1 with one line on stderr; the summary says what arrived', async () => {
    const port = await rawServer((sock) => sock.end('file_prepared' + 'A'.repeat(700)));
    const [human, json] = await Promise.all([
      runCli(client(port, 'file', '1000')),
      runCli(client(port, 'file', '1000', '--json')),
    ]);
    for (const r of [human, json]) {
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('netlab: the server closed after 700 of 1,000 bytes [CUT_SHORT]\n');
    }
    expect(human.stdout).toMatch(/file 1000 over TCP: 700 of 1,000 bytes/);
    expect(human.stdout).toContain('ended: cut short');
    expect(JSON.parse(json.stdout)).toMatchObject({
      end: 'short',
      bytes: 700,
      lost: 300,
      error: { code: 'CUT_SHORT' },
    });
  }, 60_000);

  it('--reply-timeout: a server that accepts and never answers ends with TIMEOUT', async () => {
    const port = await rawServer(() => undefined);
    const r = await runCli(client(port, '--reply-timeout', '0.3', 'echo', 'anyone?'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `netlab: no reply from 127.0.0.1:${port} for 300 ms: the server accepted the connection but sent nothing [TIMEOUT]\n`,
    );
  }, 60_000);

  it('Ctrl-C with --json prints the partial summary and exits 130', async () => {
    let sent = 0;
    let first: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (first = resolve));
    const port = await rawServer((sock) => {
      // Count-down segments every 10 ms until the client goes away.
      let k = 1000;
      const timer = setInterval(() => {
        sock.write(segment(k--, 10));
        sent++;
        if (sent === 5) first();
      }, 10);
      sock.on('close', () => clearInterval(timer));
    });
    const cli = new CliProcess(
      client(port, 'stream', '--interval', '10', '--count', '1000', '--size', '10', '--json'),
    );
    await started;
    cli.child.kill('SIGINT');
    const r = await cli.done();
    expect(r.code).toBe(130);
    const summary = JSON.parse(r.stdout) as { end: string; bytes: number; expected: number };
    expect(summary).toMatchObject({ end: 'cancelled', expected: 10_000 });
    expect(summary.bytes).toBeGreaterThan(0);
  }, 60_000);

  it('help prints the defaults from the constants, and a bad size is refused by the contract schema', async () => {
    const [help, tooBig] = await Promise.all([
      runCli(['client', '--help']),
      runCli(client('8120', 'stream', '--size', String(64 * 1024 * 1024 + 1))),
    ]);
    expect(help.stdout).toMatch(
      /--reply-timeout <S>\s+TCP: give up after S seconds without a\s+reply\s+byte\s+\(default 30;/,
    );
    expect(help.stdout).toMatch(
      /Exit status: 0 when the reply arrived whole; 1 when it failed or was cut short/,
    );
    expect(tooBig.code).not.toBe(0);
    expect(tooBig.stderr).toBe('error: --size: a stream segment is at most 67,108,864 bytes (64 MiB).\n');
  }, 60_000);
});
