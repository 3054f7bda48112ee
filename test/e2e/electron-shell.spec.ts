// The desktop app minus Electron itself, here where no Electron binary exists: the renderer and
// the preload exactly as electron-vite builds them, served with the netlab:// handler's bytes and
// CSP headers, the preload's `electron` module replaced by a small IPC stand-in wired to the real
// LabBridge and Lab. Two pages play the Server and Client windows and run one echo.
import { readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { labErr, LAB_COMMAND_NAMES, type EndpointInfo, type LabResult } from '../../src-shared/api.js';
import { IPC_CHANNELS } from '../../src-main/electron/common/ipc-channels.js';
import { loadAppResponse } from '../../src-main/electron/main/app-files.js';
import { LabBridge, untrustedSenderResult } from '../../src-main/electron/main/lab-bridge.js';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  isTrustedSender,
} from '../../src-main/electron/main/security-policy.js';
import { Lab } from '../../src-main/engine/lab.js';
import { buildDesktop, DESKTOP_BUILD_TIMEOUT_MS, ROOT, type DesktopBuild } from './electron-build.js';
import { fillAddress, sendAndWait, startServer } from './lab-pages.js';

test.describe.configure({ timeout: DESKTOP_BUILD_TIMEOUT_MS + 60_000 });

/**
 * Runs the built preload in the page with `require('electron')` answered by a stand-in: the
 * contextBridge exposes on window, ipcRenderer.invoke goes to a Playwright binding, and main's
 * webContents.send arrives through __netlabMainSend. CSP violations are logged to the console.
 */
function preloadHarness(preloadSource: string): string {
  return `(() => {
  const listeners = new Map();
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key, api) => Object.defineProperty(window, key, { value: Object.freeze(api) }),
    },
    ipcRenderer: {
      invoke: (channel, ...args) => window.__netlabIpc(channel, ...args),
      on: (channel, listener) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel).add(listener);
      },
      removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
    },
  };
  Object.defineProperty(window, '__netlabMainSend', {
    value: (channel, payload) => { for (const l of listeners.get(channel) ?? []) l({ sender: 'ipc' }, payload); },
  });
  document.addEventListener('securitypolicyviolation', (e) =>
    console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber));
  (function (require) {
${preloadSource}
  })((id) => {
    if (id === 'electron') return electron;
    throw new Error('a sandboxed preload may require only electron, not ' + id);
  });
})();`;
}

/** The page's http://127.0.0.1:P/… address as the app's own netlab://app/… address. */
function asAppUrl(pageUrl: string): string {
  const url = new URL(pageUrl);
  return `${APP_ORIGIN}${url.pathname}${url.search}${url.hash}`;
}

let build: DesktopBuild;
let lab: Lab;
let bridge: LabBridge;
let http: Server;
let origin: string;
const pages = new Set<Page>();

test.beforeAll(async () => {
  build = buildDesktop();
  lab = await Lab.create({ hostsPath: path.join(ROOT, 'hosts.txt') });
  bridge = new LabBridge(lab);
  lab.onEvents((batch) => {
    for (const page of pages) {
      void page
        .evaluate(
          ([channel, b]) =>
            (globalThis as unknown as { __netlabMainSend(c: unknown, p: unknown): void }).__netlabMainSend(
              channel,
              b,
            ),
          [IPC_CHANNELS.events, batch] as const,
        )
        .catch(() => undefined);
    }
  });
  http = createServer((req, res) => {
    void loadAppResponse(build.rendererDir, `${APP_ORIGIN}${req.url ?? '/'}`, req.method ?? 'GET').then(
      (answer) => {
        res.writeHead(answer.status, answer.headers).end(answer.body ?? undefined);
      },
    );
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await lab?.close();
  await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
  if (build) rmSync(build.outDir, { recursive: true, force: true });
});

async function openWindow(
  page: Page,
  ownerId: number,
  route: 'server' | 'client',
  csvPath: string,
): Promise<Page> {
  await page.exposeBinding(
    '__netlabIpc',
    async (source, channel: string, ...args: unknown[]): Promise<LabResult<unknown>> => {
      const frameUrl = asAppUrl(source.frame.url());
      if (channel === IPC_CHANNELS.call) return bridge.handleCall({ ownerId, frameUrl }, args[0], args[1]);
      if (channel === IPC_CHANNELS.exportSessionCsv) {
        // Stands in for the native save dialog: the student picked csvPath.
        return isTrustedSender(frameUrl) ? lab.exportCsv({ path: csvPath }) : untrustedSenderResult();
      }
      return labErr('BAD_REQUEST', `no IPC channel ${channel}`);
    },
  );
  await page.addInitScript({ content: preloadHarness(readFileSync(build.preloadJs, 'utf8')) });
  pages.add(page);
  page.once('close', () => pages.delete(page));
  await page.goto(`${origin}/index.html#/${route}`);
  return page;
}

test('the built renderer and preload run one echo through the IPC bridge under the production CSP', async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 640, height: 800 } });
  const problems: string[] = [];
  context.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|CSP violation|Refused to/i.test(m.text()))
      problems.push(m.text());
  });
  context.on('weberror', (e) => problems.push(`page error: ${e.error().message}`));
  const csvPath = testInfo.outputPath('session.csv');
  try {
    const serverPage = await openWindow(await context.newPage(), 1, 'server', csvPath);
    const clientPage = await openWindow(await context.newPage(), 2, 'client', csvPath);

    const served = await (await context.request.get(`${origin}/index.html`)).headersArray();
    expect(served.find((h) => h.name.toLowerCase() === 'content-security-policy')?.value).toBe(
      CONTENT_SECURITY_POLICY,
    );

    // What the page can reach: window.netlab and nothing of Node.
    const surface = await clientPage.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown>;
      return {
        netlab: Object.keys(g.netlab as object).sort(),
        require: typeof g.require,
        process: typeof g.process,
      };
    });
    expect(surface).toEqual({
      netlab: [...LAB_COMMAND_NAMES, 'exportLabReport', 'exportSessionCsv', 'onEvents'].sort(),
      require: 'undefined',
      process: 'undefined',
    });

    const bound = await startServer(serverPage, 'tcp');
    await fillAddress(clientPage, 'tcp', bound.host, bound.port);
    await sendAndWait(clientPage, 'tcp', { type: 'echo', text: 'hello from the desktop shell' });
    await expect(
      clientPage.locator('output').filter({ hasText: 'HELLO FROM THE DESKTOP SHELL' }),
    ).toBeVisible();

    await clientPage.getByRole('button', { name: 'Export CSV' }).click();
    await expect(clientPage.getByText(/Saved [\d,]+ events to/)).toBeVisible();
    expect(readFileSync(csvPath, 'utf8')).toMatch(/^seq,/);

    // Closing the server window stops its server (main does this on the window's 'closed').
    await serverPage.close();
    await bridge.releaseOwner(1);
    const left = (await lab.listEndpoints({})) as LabResult<EndpointInfo[]>;
    expect(left.ok && left.value.map((e) => e.role)).toEqual(['client']);

    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});
