// The real desktop app under Playwright's Electron driver: both windows open side by side on the
// primary display and one echo runs from the Client window to the Server window's server.
// Runs wherever `npm ci` installed the Electron binary (and, on Linux, a display exists);
// elsewhere — like the machines this project is built on — it is skipped with the reason printed.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type Page } from '@playwright/test';
import { buildDesktop, DESKTOP_BUILD_TIMEOUT_MS, ROOT } from './electron-build.js';
import { fillAddress, sendAndWait, startServer } from './lab-pages.js';

const require = createRequire(__filename);
const { findElectron } = require(path.join(ROOT, 'scripts/find-electron.cjs')) as {
  findElectron(options: { root: string; allowDownload: boolean }): { path: string } | { reason: string };
};

/** Launch and first paint of two windows; generous for a cold start on a shared CI box. */
const WINDOWS_TIMEOUT_MS = 60_000;

const found = findElectron({ root: ROOT, allowDownload: false });
const skipReason =
  'path' in found ? null : `Electron smoke test skipped: Electron is not available (${found.reason}).`;
if (skipReason) console.log(skipReason);
test.skip(skipReason !== null, skipReason ?? '');
test.describe.configure({ timeout: DESKTOP_BUILD_TIMEOUT_MS + 2 * WINDOWS_TIMEOUT_MS });

async function windowAt(windows: () => Page[], route: 'server' | 'client'): Promise<Page> {
  await expect
    .poll(() => windows().some((w) => w.url().endsWith(`#/${route}`)), { timeout: WINDOWS_TIMEOUT_MS })
    .toBe(true);
  return windows().find((w) => w.url().endsWith(`#/${route}`))!;
}

test('opens the Server and Client windows side by side and runs one echo', async () => {
  if (!('path' in found)) return;
  const build = buildDesktop();
  const userData = mkdtempSync(path.join(tmpdir(), 'netlab-user-data-'));
  const args = [build.mainJs, `--user-data-dir=${userData}`];
  // Linux CI runners (often root, no user namespaces) cannot start Chromium's OS sandbox.
  if (process.platform === 'linux' && (process.env.CI || process.getuid?.() === 0))
    args.unshift('--no-sandbox');
  const app = await electron.launch({
    executablePath: found.path,
    args,
    cwd: ROOT,
    timeout: WINDOWS_TIMEOUT_MS,
  });
  try {
    const serverWindow = await windowAt(() => app.windows(), 'server');
    const clientWindow = await windowAt(() => app.windows(), 'client');
    expect(app.windows()).toHaveLength(2);
    expect(serverWindow.url()).toBe('netlab://app/index.html#/server');

    const layout = await app.evaluate(({ BrowserWindow, screen }) => ({
      workArea: screen.getPrimaryDisplay().workArea,
      windows: BrowserWindow.getAllWindows().map((w) => ({
        url: w.webContents.getURL(),
        bounds: w.getBounds(),
      })),
    }));
    const bounds = (route: string) => layout.windows.find((w) => w.url.endsWith(`#/${route}`))!.bounds;
    const server = bounds('server');
    const client = bounds('client');
    // Side by side: the server on the left half, the client on the right half (window managers
    // may nudge frames by a few pixels, so compare halves, not exact rectangles).
    const middle = layout.workArea.x + layout.workArea.width / 2;
    expect(server.x + server.width / 2).toBeLessThan(middle);
    expect(client.x + client.width / 2).toBeGreaterThan(middle);
    expect(server.x + server.width).toBeLessThanOrEqual(client.x + 8);

    // The page reaches the engine only through window.netlab: no Node, no require.
    const surface = await clientWindow.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown>;
      return { netlab: typeof g.netlab, require: typeof g.require, process: typeof g.process };
    });
    expect(surface).toEqual({ netlab: 'object', require: 'undefined', process: 'undefined' });

    const bound = await startServer(serverWindow, 'tcp');
    await fillAddress(clientWindow, 'tcp', bound.host, bound.port);
    await sendAndWait(clientWindow, 'tcp', { type: 'echo', text: 'hello from electron' });
    await expect(clientWindow.locator('output').filter({ hasText: 'HELLO FROM ELECTRON' })).toBeVisible();
  } finally {
    await app.close();
    rmSync(userData, { recursive: true, force: true });
    rmSync(build.outDir, { recursive: true, force: true });
  }
});
