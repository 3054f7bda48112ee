// The sessions in a journal folder: list them (when, which endpoints, events, exchanges, size,
// whether each ended cleanly), export one as CSV, prune old ones. A journal's last line tells a
// clean close (JOURNAL_END_MARKER); without it, the process that wrote it is either still running
// (its pid is in the file name) or died — then the journal is what is left of its session.
import { closeSync, createReadStream, lstatSync, openSync, readdirSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { LabEvent } from '../../../src-shared/events.js';
import {
  SESSIONS_KEEP_MAX_AGE_MS,
  SESSIONS_KEEP_MAX_COUNT,
  SESSIONS_KEEP_MAX_TOTAL_BYTES,
} from '../../../src-shared/sessions.js';
import type { SessionInfo, SessionState } from '../../../src-shared/sessions.js';
import { exportJournalCsv } from '../csv-export.js';
import { LabError } from '../errors.js';
import {
  describeEndpoint,
  JOURNAL_END_MARKER,
  JOURNAL_FILE_PREFIX,
  JOURNAL_FILE_SUFFIX,
} from '../journal.js';
import type { JournalEndLine } from '../journal.js';
import { checkPrivateDir } from './session-dir.js';

const ID_PATTERN = /^netlab-session-[0-9]{8}-[0-9]{6}-([0-9]+)-[a-z0-9]+$/;
/** The end marker is short; the last line of a journal is found in this much of its tail. */
const TAIL_BYTES = 64 * 1024;

interface JournalFile {
  id: string;
  path: string;
  bytes: number;
  mtimeMs: number;
  birthMs: number;
  pid: number;
}

/** Journal files in `dir` (regular files owned by this user; anything else is not ours). */
function journalFiles(dir: string): JournalFile[] {
  checkPrivateDir(dir);
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  const out: JournalFile[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(JOURNAL_FILE_PREFIX) || !name.endsWith(JOURNAL_FILE_SUFFIX)) continue;
    const id = name.slice(0, -JOURNAL_FILE_SUFFIX.length);
    const m = ID_PATTERN.exec(id);
    if (!m) continue;
    const path = join(dir, name);
    const info = lstatSync(path, { throwIfNoEntry: false });
    if (!info?.isFile() || (uid !== null && info.uid !== uid)) continue;
    const birthMs = info.birthtimeMs > 0 ? info.birthtimeMs : info.ctimeMs;
    out.push({ id, path, bytes: info.size, mtimeMs: info.mtimeMs, birthMs, pid: Number(m[1]) });
  }
  // Newest first; the name's timestamp breaks ties (and sorts the same way).
  return out.sort((a, b) => b.birthMs - a.birthMs || b.id.localeCompare(a.id));
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function vanished(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** '' when the file is gone: another NetLab pruning the same folder may remove it at any time. */
function readRange(path: string, start: number, length: number): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    if (vanished(err)) return '';
    throw err;
  }
  try {
    const buf = Buffer.alloc(length);
    const n = readSync(fd, buf, 0, length, start);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function endLineOf(file: JournalFile): JournalEndLine | null {
  if (file.bytes === 0) return null;
  const start = Math.max(0, file.bytes - TAIL_BYTES);
  const lines = readRange(file.path, start, file.bytes - start)
    .trimEnd()
    .split('\n');
  try {
    const last = JSON.parse(lines.at(-1) ?? '') as Partial<JournalEndLine>;
    return last.journal === JOURNAL_END_MARKER ? (last as JournalEndLine) : null;
  } catch {
    return null;
  }
}

function firstTimeOf(file: JournalFile): string | null {
  const head = readRange(file.path, 0, Math.min(file.bytes, TAIL_BYTES));
  try {
    const e = JSON.parse(head.split('\n')[0] ?? '') as Partial<LabEvent>;
    return typeof e.time === 'string' ? e.time : null;
  } catch {
    return null;
  }
}

interface Scan {
  events: number;
  exchanges: number;
  endpoints: string[];
  lastTime: string | null;
  capped: boolean;
}

/** Reads a journal without an end marker through, line by line (a crash may cut the last one). */
async function scan(path: string): Promise<Scan> {
  const endpoints = new Map<string, string>();
  const exchanges = new Set<string>();
  let events = 0;
  let lastTime: string | null = null;
  let capped = false;
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    let e: LabEvent;
    try {
      e = JSON.parse(line) as LabEvent;
    } catch {
      continue;
    }
    if (typeof e.seq !== 'number') continue;
    events += 1;
    lastTime = e.time;
    if (e.exchange) exchanges.add(e.exchange);
    const known = endpoints.get(e.endpoint);
    if (known === undefined || (!known.includes(':') && (e.local || e.remote)))
      endpoints.set(e.endpoint, describeEndpoint(e));
    if (e.kind === 'journal' && e.exchange === null) capped = true;
  }
  return { events, exchanges: exchanges.size, endpoints: [...endpoints.values()], lastTime, capped };
}

async function describe(file: JournalFile): Promise<SessionInfo> {
  const end = endLineOf(file);
  const state: SessionState = end ? 'clean' : processAlive(file.pid) ? 'running' : 'unclean';
  const startedAt = firstTimeOf(file) ?? new Date(file.birthMs).toISOString();
  const base = { id: file.id, path: file.path, startedAt, bytes: file.bytes, state };
  if (end) {
    return {
      ...base,
      endedAt: end.time,
      endpoints: end.endpoints,
      events: end.events,
      exchanges: end.exchanges,
      capped: end.capped,
    };
  }
  const s = await scan(file.path);
  return {
    ...base,
    endedAt: s.lastTime,
    endpoints: s.endpoints,
    events: s.events,
    exchanges: s.exchanges,
    capped: s.capped,
  };
}

/** Every session in `dir`, newest first. A missing folder has none. */
export async function listSessions(dir: string): Promise<SessionInfo[]> {
  if (lstatSync(dir, { throwIfNoEntry: false }) === undefined) return [];
  const out: SessionInfo[] = [];
  for (const file of journalFiles(dir)) {
    try {
      out.push(await describe(file));
    } catch (err) {
      if (!vanished(err)) throw err;
    }
  }
  return out;
}

/** The newest session that is not being written any more and is not `exceptPath`; null if none. */
export async function lastFinishedSession(dir: string, exceptPath?: string): Promise<SessionInfo | null> {
  if (lstatSync(dir, { throwIfNoEntry: false }) === undefined) return null;
  for (const file of journalFiles(dir)) {
    if (file.path === exceptPath) continue;
    if (endLineOf(file) === null && processAlive(file.pid)) continue;
    try {
      return await describe(file);
    } catch (err) {
      if (!vanished(err)) throw err;
    }
  }
  return null;
}

/** The session `id` names (its file name, with or without `.ndjson`); NOT_FOUND otherwise. */
export function findSession(dir: string, id: string): string {
  const bare = id.endsWith(JOURNAL_FILE_SUFFIX) ? id.slice(0, -JOURNAL_FILE_SUFFIX.length) : id;
  const file = lstatSync(dir, { throwIfNoEntry: false })
    ? journalFiles(dir).find((f) => f.id === bare)
    : undefined;
  if (!file)
    throw new LabError('NOT_FOUND', `No session "${id.slice(0, 100)}" in ${dir} (see \`netlab sessions\`).`);
  return file.path;
}

/** Exports a session's events as CSV to `outPath` (written next to it first, then renamed). */
export async function exportSession(dir: string, id: string, outPath: string): Promise<number> {
  const path = findSession(dir, id);
  return exportJournalCsv(path, lstatSync(path).size, outPath);
}

export interface PruneOptions {
  /** Remove every finished session. */
  all?: boolean;
  /** Remove finished sessions whose last write is older than this (ms). */
  olderThanMs?: number;
  /** Keep at most this many / this many bytes of the newest finished sessions (defaults: constants). */
  keepCount?: number;
  keepBytes?: number;
  now?: number;
}

/** Removes old sessions (never one still being written); returns the ids removed. */
export function pruneSessions(dir: string, opts: PruneOptions = {}): string[] {
  if (lstatSync(dir, { throwIfNoEntry: false }) === undefined) return [];
  const now = opts.now ?? Date.now();
  const maxAge = opts.olderThanMs ?? SESSIONS_KEEP_MAX_AGE_MS;
  const keepCount = opts.keepCount ?? SESSIONS_KEEP_MAX_COUNT;
  const keepBytes = opts.keepBytes ?? SESSIONS_KEEP_MAX_TOTAL_BYTES;
  const removed: string[] = [];
  let kept = 0;
  let keptBytes = 0;
  for (const file of journalFiles(dir)) {
    const tooOld = now - file.mtimeMs > maxAge;
    const drop = opts.all === true || tooOld || kept >= keepCount || keptBytes + file.bytes > keepBytes;
    if (!drop) {
      kept += 1;
      keptBytes += file.bytes;
      continue;
    }
    // Read only what is about to go: a journal still being written is never removed.
    if (endLineOf(file) === null && processAlive(file.pid)) continue;
    rmSync(file.path, { force: true });
    removed.push(file.id);
  }
  return removed;
}
