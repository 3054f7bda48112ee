// Browser mode as the student runs it: `netlab web --port 0` in a child process (one per worker),
// and the server and client views as two tabs of one browser context, like two windows.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';

const ROOT = path.resolve(__dirname, '..', '..');
const STARTUP_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const URL_RE = /(http:\/\/127\.0\.0\.1:(\d+))\/\?token=([A-Za-z0-9_-]+)#\//;

export interface BrowserMode {
  /** `http://127.0.0.1:P` */
  origin: string;
  token: string;
  /** Output of the child so far, for failure messages. */
  output(): string;
}

async function startBrowserMode(): Promise<{ mode: BrowserMode; child: ChildProcess }> {
  const child = spawn(process.execPath, ['bin/netlab.cjs', 'web', '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (output += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (output += s));
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => fail(`no URL printed within ${STARTUP_TIMEOUT_MS} ms`), STARTUP_TIMEOUT_MS);
    const onData = (): void => {
      const m = URL_RE.exec(output);
      if (m) done(() => resolve(m));
    };
    const onExit = (code: number | null): void => fail(`exited with ${code} before printing its URL`);
    function done(then: () => void): void {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
      then();
    }
    function fail(why: string): void {
      done(() => reject(new Error(`netlab web ${why}:\n${output}`)));
      child.kill('SIGKILL');
    }
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
  return { mode: { origin: match[1]!, token: match[3]!, output: () => output }, child };
}

/** Ctrl-C, as a student would stop it; the command must end on its own and cleanly. */
async function stopBrowserMode(child: ChildProcess, mode: BrowserMode): Promise<void> {
  if (child.exitCode !== null) throw new Error(`netlab web died during the tests:\n${mode.output()}`);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  const code = await exited;
  clearTimeout(timer);
  expect(code, `netlab web should exit 0 on Ctrl-C:\n${mode.output()}`).toBe(0);
}

export async function openView(page: Page, mode: BrowserMode, route: '' | 'server' | 'client'): Promise<Page> {
  await page.goto(`${mode.origin}/?token=${mode.token}#/${route}`);
  return page;
}

export const test = base.extend<{ serverPage: Page; clientPage: Page }, { browserMode: BrowserMode }>({
  browserMode: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a pattern
    async ({}, use) => {
      const { mode, child } = await startBrowserMode();
      try {
        await use(mode);
      } finally {
        await stopBrowserMode(child, mode);
      }
    },
    { scope: 'worker', timeout: STARTUP_TIMEOUT_MS + STOP_TIMEOUT_MS },
  ],
  serverPage: async ({ page, browserMode }, use) => {
    await use(await openView(page, browserMode, 'server'));
  },
  clientPage: async ({ context, browserMode }, use) => {
    const tab = await context.newPage();
    await use(await openView(tab, browserMode, 'client'));
    await tab.close();
  },
});

export { expect };
