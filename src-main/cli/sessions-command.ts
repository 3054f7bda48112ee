// `netlab sessions [list] | export ID --csv FILE | prune [--all | --older-than AGE]`: the session
// journals every lab keeps in its private folder, also those of a run that was killed.
import { InvalidArgumentError } from 'commander';
import type { Command as Program } from 'commander';
import { SESSIONS_KEEP_MAX_AGE_MS, SESSIONS_KEEP_MAX_COUNT } from '../../src-shared/sessions.js';
import type { SessionInfo } from '../../src-shared/sessions.js';
import { defaultSessionDir } from '../engine/sessions/session-dir.js';
import { exportSession, listSessions, pruneSessions } from '../engine/sessions/session-store.js';
import { formatCount } from './format.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };

/** `30m`, `12h`, `7d`, `2w` → ms. */
export function parseAge(raw: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([mhdw])\s*$/.exec(raw);
  if (!m) throw new InvalidArgumentError('an age is a number and a unit: 30m, 12h, 7d or 2w');
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

const STATE_TEXT: Record<SessionInfo['state'], string> = {
  clean: 'ended cleanly',
  running: 'still running',
  unclean: 'did NOT end cleanly (crash or kill): export it to recover',
};

export function formatSession(s: SessionInfo): string {
  const when = s.startedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  const endpoints = s.endpoints.length > 0 ? s.endpoints.join(', ') : 'no endpoints';
  const capped = s.capped ? ', packet events summarised past the size cap' : '';
  return (
    `${s.id}\n  ${when} · ${endpoints}\n  ${formatCount(s.events)} events, ${formatCount(s.exchanges)} exchanges, ` +
    `${formatBytes(s.bytes)} · ${STATE_TEXT[s.state]}${capped}`
  );
}

async function list(json: boolean): Promise<void> {
  const dir = defaultSessionDir();
  const sessions = await listSessions(dir);
  if (json) {
    process.stdout.write(`${JSON.stringify({ dir, sessions })}\n`);
    return;
  }
  if (sessions.length === 0) {
    process.stdout.write(`No sessions in ${dir}.\n`);
    return;
  }
  process.stdout.write(`Sessions in ${dir} (newest first):\n`);
  for (const s of sessions) process.stdout.write(`${formatSession(s)}\n`);
}

export function registerSessionsCommand(program: Program): void {
  const cmd = program
    .command('sessions')
    .description('list, export and prune the session journals kept in your private folder')
    .option('--json', 'print the list as one JSON object')
    .action(async (opts: { json?: boolean }) => list(opts.json === true));
  cmd
    .command('list')
    .description('list sessions: id, when, endpoints, events, exchanges, size, ended cleanly or not')
    .option('--json', 'print the list as one JSON object')
    .action(async (opts: { json?: boolean }) => list(opts.json === true));
  cmd
    .command('export')
    .description("write one session's events as CSV (also a session that was killed)")
    .argument('<ID>', 'a session id from `netlab sessions`')
    .requiredOption('--csv <FILE>', 'where to write the CSV')
    .action(async (id: string, opts: { csv: string }) => {
      const rows = await exportSession(defaultSessionDir(), id, opts.csv);
      process.stderr.write(`netlab: wrote ${rows} events to ${opts.csv}\n`);
    });
  cmd
    .command('prune')
    .description(
      `remove finished sessions (default: keep the newest ${SESSIONS_KEEP_MAX_COUNT}, ` +
        `none older than ${SESSIONS_KEEP_MAX_AGE_MS / DAY_MS} days)`,
    )
    .option('--all', 'remove every finished session')
    .option('--older-than <AGE>', 'remove finished sessions older than AGE (30m, 12h, 7d, 2w)', parseAge)
    .action((opts: { all?: boolean; olderThan?: number }) => {
      const onlyAge = opts.olderThan !== undefined && opts.all !== true;
      const removed = pruneSessions(defaultSessionDir(), {
        all: opts.all,
        olderThanMs: opts.olderThan,
        ...(onlyAge ? { keepCount: Infinity, keepBytes: Infinity } : {}),
      });
      process.stdout.write(`Removed ${removed.length} session${removed.length === 1 ? '' : 's'}.\n`);
    });
}
