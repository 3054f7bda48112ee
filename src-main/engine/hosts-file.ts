// Loads hosts.txt (docs/protocol.md §6) from disk; parsing itself is pure and lives in src-shared.
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { HostsInfo } from '../../src-shared/api.js';
import { parseHostsFile } from '../../src-shared/hosts.js';
import { packageRoot } from './package-root.js';
import { LabError } from './errors.js';

/** A hosts file larger than this is not a hosts file; refuse it rather than read it all. */
export const HOSTS_FILE_MAX_BYTES = 1024 * 1024;

/** The package's own hosts.txt, beside package.json (from the sources or any bundle in out/). */
export function defaultHostsPath(): string {
  return resolve(packageRoot(), 'hosts.txt');
}

/** Entries plus each bad line's problem (with its line number); bad lines never stop the rest. */
export async function loadHostsFile(path: string = defaultHostsPath()): Promise<HostsInfo> {
  const full = resolve(path);
  let text: string;
  try {
    if ((await stat(full)).size > HOSTS_FILE_MAX_BYTES) {
      throw new LabError('BAD_ARGUMENT', `Hosts file ${full} is larger than ${HOSTS_FILE_MAX_BYTES} bytes.`);
    }
    text = await readFile(full, 'utf8');
  } catch (err) {
    if (err instanceof LabError) throw err;
    const errno = (err as NodeJS.ErrnoException).code;
    if (errno === 'ENOENT') throw new LabError('NOT_FOUND', `Hosts file not found: ${full}`);
    throw new LabError('IO_ERROR', `Cannot read hosts file ${full}: ${(err as Error).message}`);
  }
  const { entries, problems } = parseHostsFile(text);
  return { path: full, entries, problems };
}
