// Builds the CLI bundle (out/node) and the renderer once per run when either is missing or older
// than its sources, so every scenario drives what the sources say today.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ensureNodeBundle } from '../helpers/node-bundle';

const ROOT = path.resolve(__dirname, '..', '..');
const BUILT_INDEX = path.join(ROOT, 'out', 'renderer', 'index.html');
const SOURCES = ['src-renderer', 'src-shared', 'vite.config.ts', 'index.html'];
/** Bounds the directory walk; the renderer has a few hundred files, not tens of thousands. */
const MAX_FILES_SCANNED = 20_000;

function newestMtimeMs(entries: string[]): number {
  let newest = 0;
  let scanned = 0;
  const stack = entries.map((e) => path.join(ROOT, e)).filter((p) => existsSync(p));
  while (stack.length > 0 && scanned < MAX_FILES_SCANNED) {
    const current = stack.pop()!;
    scanned += 1;
    const info = statSync(current);
    if (info.isDirectory()) {
      for (const name of readdirSync(current)) stack.push(path.join(current, name));
    } else {
      newest = Math.max(newest, info.mtimeMs);
    }
  }
  return newest;
}

export default function globalSetup(): void {
  // Browser mode (bin/netlab.cjs web) runs from out/node/netlab.cjs.
  ensureNodeBundle();
  const builtAt = existsSync(BUILT_INDEX) ? statSync(BUILT_INDEX).mtimeMs : 0;
  if (builtAt > 0 && builtAt >= newestMtimeMs(SOURCES)) return;
  console.log('e2e: building the renderer (npx vite build)');
  const result = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
  if (result.status !== 0 || !existsSync(BUILT_INDEX)) {
    throw new Error(`e2e: "npx vite build" failed (status ${result.status}); the renderer must build first`);
  }
}
