// Builds the desktop app (main, preload, renderer) with electron-vite into a scratch folder, so
// the Electron tests check today's sources without touching out/, which browser mode serves.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
/** A cold build of all three parts takes 10–30 s on two busy cores. */
export const DESKTOP_BUILD_TIMEOUT_MS = 240_000;

export interface DesktopBuild {
  outDir: string;
  mainJs: string;
  preloadJs: string;
  rendererDir: string;
}

export function buildDesktop(): DesktopBuild {
  const outDir = mkdtempSync(path.join(tmpdir(), 'netlab-desktop-'));
  const result = spawnSync('npx', ['electron-vite', 'build', '--outDir', outDir, '--logLevel', 'warn'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: DESKTOP_BUILD_TIMEOUT_MS,
    shell: process.platform === 'win32',
  });
  const build: DesktopBuild = {
    outDir,
    mainJs: path.join(outDir, 'main', 'index.js'),
    preloadJs: path.join(outDir, 'preload', 'index.js'),
    rendererDir: path.join(outDir, 'renderer'),
  };
  if (
    result.status !== 0 ||
    ![build.mainJs, build.preloadJs, path.join(build.rendererDir, 'index.html')].every(existsSync)
  ) {
    throw new Error(
      `npx electron-vite build failed (status ${result.status}):\n${result.stdout}\n${result.stderr}`,
    );
  }
  return build;
}
