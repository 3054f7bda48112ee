// The private per-user folder that holds session journals. Journals carry what peers sent and
// are what a CSV export is made from, so nobody else may read, replace or pre-create them:
// the folder is created 0700, and checked (ours, a real directory, no group/world access)
// every time, because /tmp is shared and a folder someone else made first is not ours.
import { lstatSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOURNAL_MAX_BYTES_DEFAULT } from '../../../src-shared/sessions.js';
import { LabError } from '../errors.js';

export const SESSION_DIR_NAME = 'netlab-sessions';
/** Tests and lab machines may point journals elsewhere (the folder is checked all the same). */
export const SESSION_DIR_ENV = 'NETLAB_SESSION_DIR';
const PRIVATE_DIR_MODE = 0o700;

function currentUid(): number | null {
  return typeof process.getuid === 'function' ? process.getuid() : null;
}

/**
 * Where journals go when the caller did not say: $NETLAB_SESSION_DIR, else
 * $XDG_RUNTIME_DIR/netlab-sessions (already private to the user), else a per-uid folder in the
 * OS temp dir (`netlab-sessions-<uid>`).
 */
export function defaultSessionDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env[SESSION_DIR_ENV]) return env[SESSION_DIR_ENV];
  if (env.XDG_RUNTIME_DIR) return join(env.XDG_RUNTIME_DIR, SESSION_DIR_NAME);
  const uid = currentUid();
  return join(tmpdir(), uid === null ? SESSION_DIR_NAME : `${SESSION_DIR_NAME}-${uid}`);
}

/** Creates `dir` (0700) if missing, then refuses it unless it is private to this user. */
export function ensurePrivateDir(dir: string): string {
  try {
    mkdirSync(dir, { mode: PRIVATE_DIR_MODE });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      // The parent is missing (a fresh userData): create it normally, then ours privately.
      try {
        mkdirSync(join(dir, '..'), { recursive: true });
        mkdirSync(dir, { mode: PRIVATE_DIR_MODE });
      } catch (inner) {
        throw refusal(dir, `it cannot be created (${(inner as Error).message})`);
      }
    } else if (code !== 'EEXIST') {
      throw refusal(dir, `it cannot be created (${(err as Error).message})`);
    }
  }
  checkPrivateDir(dir);
  return dir;
}

/** Throws a PERMISSION_DENIED LabError naming the problem when `dir` is not private. */
export function checkPrivateDir(dir: string): void {
  const info = lstatSync(dir);
  if (info.isSymbolicLink()) throw refusal(dir, 'it is a symbolic link');
  if (!info.isDirectory()) throw refusal(dir, 'it is not a folder');
  const uid = currentUid();
  // Windows has no POSIX owner or mode bits; the user profile's ACLs protect it there.
  if (uid === null || process.platform === 'win32') return;
  if (info.uid !== uid) throw refusal(dir, `it belongs to user id ${info.uid}, not to you (${uid})`);
  if ((info.mode & 0o077) !== 0) {
    const mode = (info.mode & 0o777).toString(8).padStart(3, '0');
    throw refusal(dir, `other users can open it (mode ${mode}; run chmod 700 on it)`);
  }
}

function refusal(dir: string, why: string): LabError {
  return new LabError(
    'PERMISSION_DENIED',
    `Session journal folder ${dir} is refused: ${why}. NetLab keeps session logs only in a folder ` +
      `private to you; fix or remove it, or set ${SESSION_DIR_ENV} to another folder.`,
  );
}

/** The journal size cap setting for every face: $NETLAB_JOURNAL_MAX_MB (MiB), else the default. */
export const JOURNAL_MAX_ENV = 'NETLAB_JOURNAL_MAX_MB';

export function journalMaxBytesSetting(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[JOURNAL_MAX_ENV];
  const mib = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(mib) || mib <= 0) return JOURNAL_MAX_BYTES_DEFAULT;
  return Math.round(mib * 1024 * 1024);
}
