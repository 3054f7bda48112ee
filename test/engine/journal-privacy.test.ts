// Session journals are private: a 0700 folder that is checked (ours, no symlink, no group/world
// access), 0600 files created exclusively, and — as root, with runuser — another OS user cannot
// read one. Sessions outlive their process and are listed, exported and pruned.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBatcher } from '../../src-main/engine/event-batcher.js';
import { EventRecorder } from '../../src-main/engine/event-sink.js';
import { Journal } from '../../src-main/engine/journal.js';
import { ensurePrivateDir } from '../../src-main/engine/sessions/session-dir.js';
import {
  exportSession,
  lastFinishedSession,
  listSessions,
  pruneSessions,
} from '../../src-main/engine/sessions/session-store.js';
import type { LabEvent } from '../../src-shared/events.js';
import { makeEvent } from './lab-fixtures.js';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const posix = process.platform !== 'win32';
/** Above Linux's pid_max (2^22): no process can have it, so its journal reads as "died". */
const DEAD_PID = 4_194_305;

function mode(path: string): number {
  return statSync(path).mode & 0o777;
}

function runuserSkipReason(): string | null {
  if (!isRoot) return 'not running as root, so no second OS user can be impersonated';
  const found = spawnSync('sh', ['-c', 'command -v runuser'], { encoding: 'utf8' });
  if (found.status !== 0) return 'runuser is not installed';
  return null;
}

describe('private session journals', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'netlab-privacy-test-'));
    // World-traversable parent: only the session folder's and file's own modes protect them.
    chmodSync(dir, 0o755);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.runIf(posix)('creates the folder 0700 and each journal 0600, whatever the umask', () => {
    const old = process.umask(0);
    try {
      const sessions = ensurePrivateDir(join(dir, 'sessions'));
      expect(mode(sessions)).toBe(0o700);
      const journal = Journal.open({ dir: sessions });
      expect(mode(journal.path)).toBe(0o600);
      journal.append([makeEvent(1)]);
      journal.close();
      expect(mode(journal.path)).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });

  it.runIf(posix)('refuses a folder others can open, a symlinked folder, and a plain file', () => {
    const open = join(dir, 'open');
    mkdirSync(open, { mode: 0o755 });
    chmodSync(open, 0o755);
    expect(() => ensurePrivateDir(open)).toThrow(/other users can open it \(mode 755; run chmod 700/);
    expect(() => Journal.open({ dir: open })).toThrow(expect.objectContaining({ code: 'PERMISSION_DENIED' }));

    const real = ensurePrivateDir(join(dir, 'real'));
    const link = join(dir, 'link');
    symlinkSync(real, link);
    expect(() => ensurePrivateDir(link)).toThrow(/is a symbolic link/);

    const file = join(dir, 'file');
    writeFileSync(file, '');
    expect(() => ensurePrivateDir(file)).toThrow(/is not a folder/);
  });

  it.runIf(isRoot)('refuses a folder that belongs to another user', () => {
    const theirs = join(dir, 'theirs');
    mkdirSync(theirs, { mode: 0o700 });
    chownSync(theirs, 65534, 65534);
    expect(() => ensurePrivateDir(theirs)).toThrow(/belongs to user id 65534, not to you/);
  });

  it('never opens a file or symlink planted at the journal path (exclusive create)', () => {
    const planted = join(dir, 'planted.ndjson');
    writeFileSync(planted, 'their content\n');
    expect(() => Journal.open(planted)).toThrow(/exists already \(journals are never reused\)/);
    expect(readFileSync(planted, 'utf8')).toBe('their content\n');

    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me\n');
    const trap = join(dir, 'trap.ndjson');
    symlinkSync(victim, trap);
    expect(() => Journal.open(trap)).toThrow();
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
  });

  it('a second OS user cannot read a journal', (ctx) => {
    const reason = runuserSkipReason();
    if (reason) {
      console.log(`skipped: a second OS user cannot read a journal: ${reason}`);
      ctx.skip();
      return;
    }
    const sessions = ensurePrivateDir(join(dir, 'sessions'));
    const journal = Journal.open({ dir: sessions });
    journal.append([makeEvent(1, 'a peer said something private')]);
    journal.close();
    const asNobody = (args: string[]) =>
      spawnSync('runuser', ['-u', 'nobody', '--', ...args], { encoding: 'utf8' });
    // The same user reads it; nobody cannot list the folder nor read the file.
    expect(readFileSync(journal.path, 'utf8')).toContain('private');
    expect(asNobody(['cat', journal.path]).status).not.toBe(0);
    expect(asNobody(['ls', sessions]).status).not.toBe(0);
    // Even with the folder opened up by mistake, the file itself stays 0600.
    chmodSync(sessions, 0o711);
    const cat = asNobody(['cat', journal.path]);
    expect(cat.status).not.toBe(0);
    expect(cat.stdout).not.toContain('private');
    expect(cat.stderr).toMatch(/Permission denied/);
    // Sanity: nobody can run commands at all (so the refusals above are about permissions).
    expect(execFileSync('runuser', ['-u', 'nobody', '--', 'id', '-u'], { encoding: 'utf8' }).trim()).toBe(
      '65534',
    );
  });
});

describe('sessions that outlive their process', () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'netlab-sessions-test-')), 'sessions');
    ensurePrivateDir(dir);
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  function writeDeadSession(events: LabEvent[]): string {
    const id = `netlab-session-20260102-030405-${DEAD_PID}-dead`;
    const path = join(dir, `${id}.ndjson`);
    // A crash leaves a half-written last line.
    writeFileSync(path, events.map((e) => JSON.stringify(e)).join('\n') + '\n{"seq":99,"t":', {
      mode: 0o600,
    });
    return id;
  }

  it('lists a killed session as not ended cleanly, a closed one as clean, ours as running', async () => {
    const deadId = writeDeadSession([makeEvent(1), makeEvent(2), makeEvent(3)]);
    const closed = Journal.open({ dir });
    closed.append([makeEvent(1), makeEvent(2)]);
    closed.close();
    const running = Journal.open({ dir });
    running.append([makeEvent(1)]);
    try {
      const sessions = await listSessions(dir);
      const byState = Object.fromEntries(sessions.map((s) => [s.state, s]));
      expect(byState.unclean).toMatchObject({ id: deadId, events: 3, exchanges: 1 });
      expect(byState.unclean!.endpoints).toEqual([
        'cli-1 client udp [::1]:51234',
        'srv-1 server udp 127.0.0.1:8120',
      ]);
      expect(byState.clean).toMatchObject({ events: 2, exchanges: 1 });
      expect(byState.running).toMatchObject({ path: running.path });
      // "Recover last session" skips the one being written.
      const last = await lastFinishedSession(dir, running.path);
      expect(last?.state).not.toBe('running');

      const csv = join(dir, '..', 'recovered.csv');
      expect(await exportSession(dir, deadId, csv)).toBe(3);
      expect(readFileSync(csv, 'utf8').trimEnd().split('\n')).toHaveLength(4);
      await expect(exportSession(dir, '../../etc/passwd', csv)).rejects.toMatchObject({ code: 'NOT_FOUND' });

      expect(pruneSessions(dir, { all: true }).sort()).toHaveLength(2);
      expect(existsSync(running.path)).toBe(true);
    } finally {
      running.close();
    }
  });

  it('prunes by count and age, keeping the newest', () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const j = Journal.open({ dir });
      // A journal with nothing in it is removed on close; these are real sessions.
      j.append([makeEvent(i + 1)]);
      j.close();
      ids.push(j.path);
    }
    expect(pruneSessions(dir, { keepCount: 2 })).toHaveLength(1);
    expect(pruneSessions(dir, { olderThanMs: -1, keepCount: Infinity })).toHaveLength(2);
    expect(ids.filter((p) => existsSync(p))).toEqual([]);
  });
});

describe('journal size cap', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'netlab-cap-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('past the cap counts packet events per exchange, says so once, and keeps every summary and error', () => {
    const delivered: LabEvent[] = [];
    const batcher = new EventBatcher({ intervalMs: 1000 });
    const recorder = new EventRecorder((e) => batcher.push(e));
    const journal = Journal.open({
      path: join(dir, 'j.ndjson'),
      maxBytes: 4000,
      notify: (i) => recorder.emit(i),
    });
    batcher.onEvents((b) => journal.append(b));
    batcher.onEvents((b) => delivered.push(...b));
    const rx = (n: number, exchange: string) => {
      for (let i = 0; i < n; i++)
        recorder.emit({ endpoint: 'cli-1', role: 'client', proto: 'udp', kind: 'rx', exchange, bytes: 1000 });
      batcher.flush();
    };
    rx(20, 'x1'); // crosses the cap
    rx(500, 'x1');
    recorder.emit({
      endpoint: 'cli-1',
      role: 'client',
      proto: 'udp',
      kind: 'error',
      exchange: 'x1',
      detail: 'boom',
    });
    recorder.emit({
      endpoint: 'cli-1',
      role: 'client',
      proto: 'udp',
      kind: 'summary',
      exchange: 'x1',
      detail: 'done',
    });
    batcher.flush();
    rx(7, 'x2'); // never summarised: counted at close
    journal.flushPacketSummaries();
    batcher.close();
    journal.close();

    const lines = readFileSync(journal.path, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as LabEvent);
    const events = lines.filter((e) => typeof e.seq === 'number');
    const rxWritten = events.filter((e) => e.kind === 'rx').length;
    expect(rxWritten).toBeLessThan(20);
    const notices = events.filter((e) => e.kind === 'journal');
    expect(notices.filter((e) => e.exchange === null)).toHaveLength(1);
    expect(notices[0]!.detail).toMatch(/reached its .* cap.*summaries and errors are always recorded/);
    const x1 = notices.find((e) => e.exchange === 'x1')!;
    expect(x1.detail).toContain(`rx ${520 - rxWritten}`);
    expect(x1.bytes).toBe((520 - rxWritten) * 1000);
    expect(notices.find((e) => e.exchange === 'x2')!.detail).toContain('rx 7');
    expect(events.filter((e) => e.kind === 'error' || e.kind === 'summary')).toHaveLength(2);
    expect(lines.at(-1)).toMatchObject({ journal: 'end', capped: true });
    // The live view still saw every packet.
    expect(delivered.filter((e) => e.kind === 'rx')).toHaveLength(527);
  });
});

describe('journal size cap with a real transfer', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'netlab-cap-lab-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a UDP file past the cap: the CSV keeps both summaries, the cap notice and per-exchange packet counts', async () => {
    const { Lab } = await import('../../src-main/engine/lab.js');
    const { parse } = await import('csv-parse/sync');
    const lab = await Lab.create({
      journalPath: join(dir, 'j.ndjson'),
      journalMaxBytes: 16 * 1024,
      batchIntervalMs: 10,
    });
    try {
      const server = await lab.startServer({ proto: 'udp', host: '127.0.0.1', port: 0 });
      if (!server.ok) throw new Error(server.error.message);
      const client = await lab.openClient({
        proto: 'udp',
        host: '127.0.0.1',
        port: server.value.port!,
        idleTimeoutMs: 500,
      });
      if (!client.ok) throw new Error(client.error.message);
      const sent = await lab.send({ endpointId: client.value.id, command: { type: 'file', chars: 300_000 } });
      if (!sent.ok) throw new Error(sent.error.message);
      const out = join(dir, 'out.csv');
      const exported = await lab.exportCsv({ path: out });
      if (!exported.ok) throw new Error(exported.error.message);
      const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
      expect(
        rows
          .filter((r) => r.kind === 'summary')
          .map((r) => r.role)
          .sort(),
      ).toEqual(['client', 'server']);
      const journalRows = rows.filter((r) => r.kind === 'journal');
      expect(journalRows.filter((r) => r.exchange === '')).toHaveLength(1);
      const counted = journalRows.filter((r) => r.exchange !== '');
      expect(counted.length).toBeGreaterThan(0);
      expect(counted.some((r) => /rx \d+/.test(r.detail!) && r.role === 'client')).toBe(true);
      // Far fewer rows than datagrams: per-packet events were counted, not written.
      expect(rows.length).toBeLessThan(sent.value.datagrams);
    } finally {
      await lab.close();
    }
  });
});
