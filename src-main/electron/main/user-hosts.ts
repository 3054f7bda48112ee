// The student's own hosts.txt lives in the app's data folder, seeded once from the copy bundled
// with the app; later launches never overwrite their edits. Node only, tested with a temp dir.
import { constants, copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const HOSTS_FILE_NAME = 'hosts.txt';

/** Used when the bundled copy is missing (a broken install): the lab still starts. */
export const FALLBACK_HOSTS_TEXT = '127.0.0.1:8120\n[::1]:8120\nlocalhost:8121\n :8122\n';

/** Where the installer puts the default: resources/ when packaged, the project root from `npm start`. */
export function bundledHostsPath(opts: {
  isPackaged: boolean;
  resourcesPath: string;
  appPath: string;
}): string {
  return path.join(opts.isPackaged ? opts.resourcesPath : opts.appPath, HOSTS_FILE_NAME);
}

/** Returns the user's hosts.txt path, creating it from the bundled default when absent. */
export function ensureUserHostsFile(
  userDataDir: string,
  bundledPath: string,
): { path: string; created: boolean } {
  const target = path.join(userDataDir, HOSTS_FILE_NAME);
  if (existsSync(target)) return { path: target, created: false };
  mkdirSync(userDataDir, { recursive: true });
  try {
    // COPYFILE_EXCL: if another instance created it a moment ago, keep theirs.
    if (existsSync(bundledPath)) copyFileSync(bundledPath, target, constants.COPYFILE_EXCL);
    else writeFileSync(target, FALLBACK_HOSTS_TEXT, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return { path: target, created: false };
  }
  return { path: target, created: true };
}
