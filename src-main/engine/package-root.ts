// The NetLab package folder (the one holding our package.json, hosts.txt and out/), found from
// wherever this code runs: the TypeScript sources (src-main/engine, under vitest) or a bundle
// (out/node/netlab.cjs for the CLI and browser mode, out/main for Electron). Paths are never
// resolved against the working folder or a fixed depth below the source file.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const PACKAGE_NAME = 'netlab';
/** This file and out/node/netlab.cjs are two levels down; a few more cover any layout. */
const MAX_LEVELS = 6;

function isOurPackage(dir: string): boolean {
  const file = path.join(dir, 'package.json');
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

/** The nearest folder at or above `from` whose package.json is NetLab's, or null. */
export function findPackageRoot(from: string = __dirname): string | null {
  let dir = path.resolve(from);
  for (let level = 0; level <= MAX_LEVELS; level++) {
    if (isOurPackage(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

let cached: string | null = null;

/**
 * The package root; where no package.json of ours is found (a bundle copied out of its
 * package), the folder two levels up, as in both layouts, so start-up never fails on it.
 */
export function packageRoot(): string {
  cached ??= findPackageRoot() ?? path.resolve(__dirname, '..', '..');
  return cached;
}
