// Browser mode serves out/renderer; a fresh checkout has none yet, so build it once on demand.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../engine/package-root.js';

/** The package root (beside package.json), whether this runs from source or from out/node. */
export const REPO_ROOT = packageRoot();
export const RENDERER_DIR = path.join(REPO_ROOT, 'out', 'renderer');
/** A cold vite build of the renderer takes seconds; a hung one must not hold the command forever. */
const RENDERER_BUILD_TIMEOUT_MS = 300_000;

export function rendererIsBuilt(dir = RENDERER_DIR): boolean {
  return existsSync(path.join(dir, 'index.html'));
}

/**
 * Runs `npx vite build` when out/renderer/index.html is missing. Build output goes to stderr so
 * stdout keeps only the URL. Rejects with a message that says what to run by hand.
 */
export async function ensureRendererBuilt(log: (line: string) => void, dir = RENDERER_DIR): Promise<void> {
  if (rendererIsBuilt(dir)) return;
  log(`browser mode: ${path.relative(REPO_ROOT, dir)} is missing; building the renderer (npx vite build)…`);
  const status = await new Promise<number | string>((resolve) => {
    const child = spawn('npx', ['vite', 'build'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', process.stderr, process.stderr],
      shell: process.platform === 'win32',
    });
    const timer = setTimeout(() => child.kill(), RENDERER_BUILD_TIMEOUT_MS);
    child.on('error', (err) => resolve(err.message));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal ?? 'unknown');
    });
  });
  if (status !== 0 || !rendererIsBuilt(dir)) {
    throw new Error(
      `could not build the renderer (npx vite build ended with ${status}); ` +
        `run "npx vite build" in ${REPO_ROOT} and look at its errors`,
    );
  }
}
