// kill -9 of a `netlab server --csv FILE`: its start-up says where the journal is, and
// `netlab sessions export` recovers every exchange that ended more than a second before the kill
// (DESIGN.md: a crash loses at most the last second). Real sockets, the real `netlab` command.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeSummary } from '../../src-shared/events.js';
import { Lab } from '../../src-main/engine/lab.js';
import { ensurePrivateDir, SESSION_DIR_ENV } from '../../src-main/engine/sessions/session-dir.js';
import { CliProcess, runCli } from './run-cli.js';

const LISTENING_RE = /listening tcp 127\.0\.0\.1:(\d+)/;
const JOURNAL_RE =
  /session journal (\S+); if this server is killed, recover with: netlab sessions export (\S+) --csv (\S+)/;
/** The journal is written at least once a second; exchanges older than this must survive a kill. */
const CRASH_LOSS_MAX_MS = 1000;
/** Exchanges keep running until the first one ended this long ago, so some are surely old enough. */
const RUN_FOR_MS = 1500;
const MAX_EXCHANGES = 2000;

describe('netlab sessions after kill -9', () => {
  let dir: string;
  let sessions: string;
  let previousEnv: string | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'netlab-sessions-cli-'));
    sessions = ensurePrivateDir(join(dir, 'sessions'));
    previousEnv = process.env[SESSION_DIR_ENV];
    // Inherited by every `netlab` this test starts.
    process.env[SESSION_DIR_ENV] = sessions;
  });
  afterAll(() => {
    if (previousEnv === undefined) delete process.env[SESSION_DIR_ENV];
    else process.env[SESSION_DIR_ENV] = previousEnv;
    rmSync(dir, { recursive: true, force: true });
  });

  it('recovers every exchange that ended more than a second before the kill', async () => {
    const csvPath = join(dir, 'server.csv');
    const server = new CliProcess(['server', 'tcp', '--host', '127.0.0.1', '--port', '0', '--csv', csvPath]);
    const lab = await Lab.create({ journalPath: join(dir, 'client.ndjson'), batchIntervalMs: 10 });
    let killedAt = 0;
    const ended: { local: string; at: number; request: string }[] = [];
    try {
      const port = Number((await server.waitFor(LISTENING_RE))[1]);
      const [, journalPath, id, csvInHint] = await server.waitFor(JOURNAL_RE);
      expect(journalPath!.startsWith(sessions)).toBe(true);
      expect(csvInHint).toBe(csvPath);

      const opened = await lab.openClient({ proto: 'tcp', host: '127.0.0.1', port });
      if (!opened.ok) throw new Error(opened.error.message);
      for (let i = 0; i < MAX_EXCHANGES; i++) {
        const command =
          i % 10 === 9
            ? ({ type: 'file', chars: 5000 } as const)
            : ({ type: 'echo', text: `hello ${i}` } as const);
        const sent = await lab.send({ endpointId: opened.value.id, command });
        if (!sent.ok) throw new Error(sent.error.message);
        const s: ExchangeSummary = sent.value;
        ended.push({ local: s.local, at: Date.now(), request: s.request });
        if (Date.now() - ended[0]!.at >= RUN_FOR_MS) break;
      }
      // Right after the last exchange: whatever the server has not journalled yet is lost.
      killedAt = Date.now();
      server.child.kill('SIGKILL');
      const result = await server.done();
      expect(result.signal).toBe('SIGKILL');
      // Killed: the --csv was never written; the journal is what is left.
      expect(existsSync(csvPath)).toBe(false);

      const listed = await runCli(['sessions']);
      expect(listed.code, listed.stderr).toBe(0);
      expect(listed.stdout).toContain(id!);
      expect(listed.stdout).toMatch(
        new RegExp(`${id}\\n.*srv-1 server tcp 127\\.0\\.0\\.1:${port}\\n.*did NOT end cleanly`),
      );

      const exported = await runCli(['sessions', 'export', id!, '--csv', csvPath]);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stderr).toMatch(/wrote \d+ events to/);
      const rows = parse(readFileSync(csvPath, 'utf8'), { columns: true }) as Record<string, string>[];
      const servedTo = new Set(rows.filter((r) => r.kind === 'summary').map((r) => r.remote));
      const old = ended.filter((e) => e.at < killedAt - CRASH_LOSS_MAX_MS);
      expect(old.length).toBeGreaterThan(0);
      const missing = old.filter((e) => !servedTo.has(e.local));
      expect(missing, `${missing.length} of ${old.length} old exchanges lost`).toEqual([]);
      // The recovered rows carry what the server saw, request texts included.
      const requests = new Set(rows.filter((r) => r.kind === 'request').map((r) => r.detail));
      for (const e of old.filter((x) => x.request.startsWith('hello')))
        expect(requests.has(e.request)).toBe(true);
    } finally {
      await lab.close();
      await server.stop();
    }
  });

  it('prunes finished sessions and refuses an unknown id', async () => {
    const unknown = await runCli(['sessions', 'export', 'netlab-session-nope', '--csv', join(dir, 'x.csv')]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/No session "netlab-session-nope".*\[NOT_FOUND\]/);
    const pruned = await runCli(['sessions', 'prune', '--all']);
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(pruned.stdout).toMatch(/Removed \d+ sessions?\./);
    const listed = await runCli(['sessions', 'list']);
    expect(listed.stdout).toContain(`No sessions in ${sessions}`);
  });
});
