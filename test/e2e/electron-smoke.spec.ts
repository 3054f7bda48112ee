// The real desktop app: both windows open side by side, one echo and one 1,000,000-character file
// run from the Client window to the Server window's server, the session is exported as CSV
// through the File menu, and every window title says NetLab. Two runs of the same checks:
//  - the build (today's electron-vite output on the installed Electron binary), under Playwright's
//    Electron driver, which reaches the main process (to answer the native save dialog);
//  - the packaged app electron-builder made (AppImage / .app / win-unpacked), driven over the
//    DevTools protocol: its fuses rightly turn off the Node inspector Playwright's Electron driver
//    needs, so the menu export is checked on the build run, whose main code is the same.
// Where Electron (or a packaged app) is missing — like the machines this project is built on —
// each run skips with the reason printed. With NETLAB_REQUIRE_ELECTRON=1 (the release workflow)
// a missing or unstartable Electron or packaged app FAILS the run instead.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, chromium, expect, test, type Page } from '@playwright/test';
import { CSV_COLUMNS } from '../../src-shared/events.js';
import { buildDesktop, DESKTOP_BUILD_TIMEOUT_MS, ROOT } from './electron-build.js';
import { fillAddress, grouped, sendAndWait, startServer, summaryFact } from './lab-pages.js';

const require = createRequire(__filename);
const { findElectron } = require(path.join(ROOT, 'scripts/find-electron.cjs')) as {
  findElectron(options: { root: string }): { path: string } | { reason: string };
};

/** Launch and first paint of two windows; generous for a cold start on a shared CI box. */
const WINDOWS_TIMEOUT_MS = 60_000;
const FILE_CHARS = 1_000_000;
const EXPORT_TIMEOUT_MS = 20_000;
const REQUIRED = process.env.NETLAB_REQUIRE_ELECTRON === '1';
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

test.describe.configure({ timeout: DESKTOP_BUILD_TIMEOUT_MS + 3 * WINDOWS_TIMEOUT_MS });

/** Skips with the reason, or fails with it when the release workflow requires a real run. */
function unavailable(what: string, reason: string): void {
  const line = `Electron smoke test (${what}): ${reason}`;
  if (REQUIRED) throw new Error(`${line} — NETLAB_REQUIRE_ELECTRON=1 requires it to run`);
  console.log(`${line}; skipped.`);
  test.skip(true, line);
}

/** Linux CI runners (often root, AppArmor-restricted namespaces) cannot start Chromium's sandbox. */
function sandboxArgs(): string[] {
  return process.platform === 'linux' && (process.env.CI || process.getuid?.() === 0) ? ['--no-sandbox'] : [];
}

async function windowAt(windows: () => Page[], route: 'server' | 'client'): Promise<Page> {
  await expect
    .poll(() => windows().some((w) => w.url().endsWith(`#/${route}`)), { timeout: WINDOWS_TIMEOUT_MS })
    .toBe(true);
  return windows().find((w) => w.url().endsWith(`#/${route}`))!;
}

/** What both runs check in the two windows: the page surface, one echo, one 1,000,000-char file. */
async function exerciseWindows(serverWindow: Page, clientWindow: Page): Promise<void> {
  expect(serverWindow.url()).toBe('netlab://app/index.html#/server');
  for (const w of [serverWindow, clientWindow]) await expect(w).toHaveTitle(/NetLab/);

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
  await sendAndWait(clientWindow, 'tcp', { type: 'file', chars: String(FILE_CHARS) });
  await expect(summaryFact(clientWindow, 'Received')).toHaveText(
    `${grouped(FILE_CHARS)} bytes of ${grouped(FILE_CHARS)} (100 %)`,
  );
}

test('the build: both windows side by side, echo, 1,000,000-char file, CSV export from the menu', async () => {
  const found = findElectron({ root: ROOT });
  if (!('path' in found)) return unavailable('build', `Electron is not available (${found.reason})`);
  const build = buildDesktop();
  const userData = mkdtempSync(path.join(tmpdir(), 'netlab-user-data-'));
  const csvPath = path.join(userData, 'exported-session.csv');
  const app = await electron.launch({
    executablePath: found.path,
    args: [...sandboxArgs(), build.mainJs, `--user-data-dir=${userData}`],
    cwd: ROOT,
    timeout: WINDOWS_TIMEOUT_MS,
  });
  try {
    const serverWindow = await windowAt(() => app.windows(), 'server');
    const clientWindow = await windowAt(() => app.windows(), 'client');
    expect(app.windows()).toHaveLength(2);

    const layout = await app.evaluate(({ BrowserWindow, screen }) => ({
      workArea: screen.getPrimaryDisplay().workArea,
      windows: BrowserWindow.getAllWindows().map((w) => ({
        url: w.webContents.getURL(),
        title: w.getTitle(),
        bounds: w.getBounds(),
      })),
    }));
    for (const w of layout.windows) expect(w.title).toMatch(/NetLab/);
    const bounds = (route: string) => layout.windows.find((w) => w.url.endsWith(`#/${route}`))!.bounds;
    const server = bounds('server');
    const client = bounds('client');
    // Side by side: the server on the left half, the client on the right half (window managers
    // may nudge frames by a few pixels, so compare halves, not exact rectangles).
    const middle = layout.workArea.x + layout.workArea.width / 2;
    expect(server.x + server.width / 2).toBeLessThan(middle);
    expect(client.x + client.width / 2).toBeGreaterThan(middle);
    expect(server.x + server.width).toBeLessThanOrEqual(client.x + 8);

    await exerciseWindows(serverWindow, clientWindow);

    // File ▸ Export Session Log as CSV…, with the native save dialog answered in the main process
    // (it cannot be clicked) and the "Saved …" message box acknowledged.
    await app.evaluate(
      ({ dialog, Menu }, { file, label }) => {
        const answers = dialog as unknown as Record<string, unknown>;
        answers.showSaveDialog = () => Promise.resolve({ canceled: false, filePath: file });
        answers.showMessageBox = () => Promise.resolve({ response: 0, checkboxChecked: false });
        const stack = [...(Menu.getApplicationMenu()?.items ?? [])];
        while (stack.length > 0) {
          const item = stack.shift()!;
          if (item.label === label) {
            item.click();
            return;
          }
          stack.push(...(item.submenu?.items ?? []));
        }
        throw new Error(`no menu item "${label}"`);
      },
      { file: csvPath, label: 'Export Session Log as CSV…' },
    );
    await expect.poll(() => existsSync(csvPath), { timeout: EXPORT_TIMEOUT_MS }).toBe(true);
    await expect
      .poll(() => readFileSync(csvPath, 'utf8').split('\n')[0], { timeout: EXPORT_TIMEOUT_MS })
      .toBe(CSV_COLUMNS.join(','));
    await expect
      .poll(() => readFileSync(csvPath, 'utf8'), { timeout: EXPORT_TIMEOUT_MS })
      .toMatch(/hello from electron/i);
  } finally {
    await app.close();
    rmSync(userData, { recursive: true, force: true });
    rmSync(build.outDir, { recursive: true, force: true });
  }
});

interface PackagedApp {
  path: string;
  args: string[];
}

/** What `electron-builder` left in release/<version> for this OS (or NETLAB_PACKAGED_APP). */
function packagedApp(): PackagedApp | { reason: string } {
  const fromEnv = process.env.NETLAB_PACKAGED_APP;
  if (fromEnv) {
    if (!existsSync(fromEnv)) return { reason: `NETLAB_PACKAGED_APP=${fromEnv} does not exist` };
    return { path: fromEnv, args: fromEnv.endsWith('.AppImage') ? ['--appimage-extract-and-run'] : [] };
  }
  const dir = path.join(ROOT, 'release', VERSION);
  const candidates: PackagedApp[] = [];
  if (process.platform === 'linux') {
    // The AppImage itself, unpacked to a temp folder by its runtime (no FUSE needed on runners).
    candidates.push({
      path: path.join(dir, `NetLab-${VERSION}-linux-x64.AppImage`),
      args: ['--appimage-extract-and-run'],
    });
    candidates.push({ path: path.join(dir, 'linux-unpacked', 'netlab'), args: [] });
  } else if (process.platform === 'darwin') {
    const macDirs = existsSync(dir) ? readdirSync(dir).filter((d) => d.startsWith('mac')) : [];
    const native = process.arch === 'arm64' ? 'mac-arm64' : 'mac';
    for (const d of [native, ...macDirs]) {
      candidates.push({ path: path.join(dir, d, 'NetLab.app', 'Contents', 'MacOS', 'NetLab'), args: [] });
    }
  } else if (process.platform === 'win32') {
    candidates.push({ path: path.join(dir, 'win-unpacked', 'NetLab.exe'), args: [] });
  }
  const hit = candidates.find((c) => existsSync(c.path));
  return hit ?? { reason: `no packaged app in ${path.relative(ROOT, dir)} (run npx electron-builder first)` };
}

/** Starts the packaged app with a DevTools port and resolves with its WebSocket address. */
function startPackaged(app: PackagedApp, userData: string): Promise<{ child: ChildProcess; ws: string }> {
  const child = spawn(
    app.path,
    [...app.args, ...sandboxArgs(), '--remote-debugging-port=0', `--user-data-dir=${userData}`],
    { stdio: ['ignore', 'inherit', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(
        new Error(`the packaged app printed no DevTools address within ${WINDOWS_TIMEOUT_MS} ms: ${stderr}`),
      );
    }, WINDOWS_TIMEOUT_MS);
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      process.stderr.write(d);
      stderr = (stderr + d).slice(-8000);
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve({ child, ws: m[1]! });
      }
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the packaged app exited (${code ?? signal}) before it was ready: ${stderr}`));
    });
  });
}

test('the packaged app: both windows titled NetLab, echo and a 1,000,000-char file', async () => {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return unavailable(
      'packaged app',
      'there is no graphical display (DISPLAY and WAYLAND_DISPLAY are unset)',
    );
  const app = packagedApp();
  if (!('path' in app)) return unavailable('packaged app', app.reason);
  const userData = mkdtempSync(path.join(tmpdir(), 'netlab-user-data-'));
  const { child, ws } = await startPackaged(app, userData);
  const browser = await chromium.connectOverCDP(ws, { timeout: WINDOWS_TIMEOUT_MS });
  try {
    const pages = (): Page[] => browser.contexts().flatMap((c) => c.pages());
    const serverWindow = await windowAt(pages, 'server');
    const clientWindow = await windowAt(pages, 'client');
    await exerciseWindows(serverWindow, clientWindow);
  } finally {
    await browser.close().catch(() => undefined);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill();
      await exited;
    }
    rmSync(userData, { recursive: true, force: true });
  }
});
