import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliProcess, runCli } from './run-cli.js';

const LISTENING_RE = /listening (tcp|udp) 127\.0\.0\.1:(\d+)/;

describe('netlab command', () => {
  let dir: string;
  let tcpServer: CliProcess;
  let udpServer: CliProcess;
  let tcpPort: string;
  let udpPort: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'netlab-cli-test-'));
    // A hosts file whose bad lines are reported with their numbers while the rest still loads.
    const hosts = join(dir, 'hosts.txt');
    writeFileSync(hosts, '# lab hosts\nnot-a-host-line\n127.0.0.1:0\n[::1:8120\n');
    tcpServer = new CliProcess(['server', 'tcp', '--hosts', hosts, '--csv', join(dir, 'server.csv')]);
    udpServer = new CliProcess([
      'server',
      'udp',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--stream-limit',
      '20',
    ]);
    tcpPort = (await tcpServer.waitFor(LISTENING_RE))[2]!;
    udpPort = (await udpServer.waitFor(LISTENING_RE))[2]!;
  });

  afterAll(async () => {
    await Promise.all([tcpServer?.stop(), udpServer?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('server: reports bad hosts.txt lines by number and takes the first good entry', () => {
    const out = tcpServer.stdout + tcpServer.stderr;
    expect(out).toMatch(/line 2: .*\(skipped\)/);
    expect(out).toMatch(/line 4: .*\(skipped\)/);
  });

  it('one-shot --json: exactly one JSON object with the summary, and --csv of the session', async () => {
    const csv = join(dir, 'client.csv');
    const r = await runCli([
      'client',
      'udp',
      '--host',
      '127.0.0.1',
      '--port',
      udpPort,
      'file',
      '200000',
      '--json',
      '--csv',
      csv,
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(summary).toMatchObject({
      command: 'file',
      proto: 'udp',
      expected: 200_000,
      bytes: 200_000,
      lost: 0,
      missing: 0,
    });
    for (const key of [
      'durationMs',
      'throughputBps',
      'reads',
      'datagrams',
      'outOfOrder',
      'prepareMs',
      'end',
    ]) {
      expect(summary).toHaveProperty(key);
    }
    const rows = parse(readFileSync(csv, 'utf8'), { columns: true }) as { kind: string }[];
    expect(rows.some((row) => row.kind === 'prepared')).toBe(true);
    expect(rows.at(-1)!.kind).toBe('summary');
  });

  it('one-shot human summary over TCP says what TCP reads are', async () => {
    const r = await runCli([
      'client',
      'tcp',
      '--host',
      '127.0.0.1',
      '--port',
      tcpPort,
      'echo',
      'hello',
      'there',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^HELLO THERE$/m);
    expect(r.stdout).toMatch(/TCP reads are not segments/);
    expect(r.stdout).toMatch(/ended: .*FIN/);
  });

  it('interactive loop reads a pipe: echo, file, stream with answers, quit', async () => {
    const r = await runCli(
      ['client', 'udp', '--host', '127.0.0.1', '--port', udpPort, '--idle-timeout', '0.3'],
      'hello\n1000\ns\n0\n30\n\nquit\nnever sent\n',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/PROMPT: hello\nHELLO\n/);
    expect(r.stdout).toMatch(/file 1000 over UDP: 1,000 of 1,000 bytes/);
    // Stream: the server caps 30 segments at its stream limit of 20; Enter took the size default (1024).
    expect(r.stdout).toMatch(/Segment size \(bytes\) \[1024\]: \n/);
    expect(r.stdout).toMatch(/stream 0\.0 ms × 30 × 1024 B over UDP/);
    expect(r.stdout).not.toMatch(/NEVER SENT/);
    expect(udpServer.stdout).toMatch(/echo "hello"/);
    await udpServer.waitFor(
      /stream 0\.0 ms × 30 × 1024 B \(capped at 20 segments by the stream limit\)\s+20,480 B/,
    );
  });

  it('fails with a one-line reason and a non-zero status', async () => {
    // Independent runs: in parallel, since each spawn pays Node's and the bundle's start-up.
    const [refused, unknown, serverSaysNo, badPort, badSize, inUse] = await Promise.all([
      runCli(['client', 'tcp', '--host', '127.0.0.1', '--port', '1', 'echo', 'x']),
      runCli(['client', 'tcp', '--host', 'no-such-host.invalid', '--port', '8120', 'echo', 'x']),
      runCli(['client', 'tcp', '--host', '127.0.0.1', '--port', tcpPort, 'file', '0', '--json']),
      runCli(['client', 'tcp', '--port', '70000', 'echo', 'x']),
      runCli(['client', 'udp', '--port', '8120', 'stream', '--size', '70000']),
      runCli(['server', 'udp', '--host', '127.0.0.1', '--port', udpPort]),
    ]);
    for (const r of [refused, unknown, serverSaysNo, badPort, badSize, inUse]) {
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(refused.stderr).toMatch(/refused.*\[CONNECTION_REFUSED\]/);
    expect(unknown.stderr).toMatch(/no-such-host\.invalid.*\[HOST_NOT_FOUND\]/);
    expect(serverSaysNo.stderr).toMatch(/Request for file of 0 chars.*\[BAD_REQUEST\]/);
    expect(JSON.parse(serverSaysNo.stdout)).toMatchObject({ end: 'error', error: { code: 'BAD_REQUEST' } });
    expect(badPort.stderr).toMatch(/--port.*0 to 65535/);
    expect(badSize.stderr).toMatch(/--size: a UDP segment is at most 65,507 bytes/);
    expect(inUse.stderr).toMatch(/already in use.*\[ADDR_IN_USE\]/);
  }, 90_000);

  it('server: one line per request served, stops cleanly on SIGTERM and writes its CSV', async () => {
    await tcpServer.waitFor(/echo "hello there"/);
    const r = await tcpServer.stop();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\d\d:\d\d:\d\d\.\d{3}\s{2}127\.0\.0\.1:\d+\s{2}echo "hello there"\s{2}11 B/);
    expect(r.stderr).toMatch(/SIGTERM: stopping/);
    const rows = parse(readFileSync(join(dir, 'server.csv'), 'utf8'), { columns: true }) as {
      kind: string;
    }[];
    expect(rows[0]!.kind).toBe('listening');
    expect(rows.filter((row) => row.kind === 'summary').length).toBeGreaterThanOrEqual(2);
  }, 60_000);
});
