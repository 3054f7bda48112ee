// One contract, both faces: the same cases run against the Electron IPC transport (the real
// ipc.ts + LabBridge, with a stand-in for electron's ipcMain) and the browser-mode WebSocket
// transport (the real web server and a ws client), each around a real Lab on 127.0.0.1.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { labOk } from '../../src-shared/api.js';
import type { EndpointInfo, LabResult } from '../../src-shared/api.js';
import type { ExchangeSummary } from '../../src-shared/events.js';
import { PAGE_REFUSAL_MESSAGE } from '../../src-main/bridge/bridge-policy.js';
import { IPC_CHANNELS } from '../../src-main/electron/common/ipc-channels.js';
import { registerIpc } from '../../src-main/electron/main/ipc.js';
import { LabBridge } from '../../src-main/electron/main/lab-bridge.js';
import { APP_INDEX_URL } from '../../src-main/electron/main/security-policy.js';
import { Lab } from '../../src-main/engine/lab.js';
import { standInIpc } from '../electron/stand-in-electron.js';
import { startTestBrowserMode, TestClient } from '../web/web-helpers.js';

vi.mock('electron', async () => (await import('../electron/stand-in-electron.js')).standInElectronMain);

const RELEASE_WAIT_MS = 5000;

/** A window (Electron) or a tab (browser mode): it calls the bridge and can go away. */
interface PageHandle {
  call(method: unknown, args: unknown): Promise<LabResult<unknown>>;
  close(): Promise<void>;
}

interface Face {
  lab: Lab;
  dir: string;
  open(): Promise<PageHandle>;
  stop(): Promise<void>;
}

async function electronFace(): Promise<Face> {
  const dir = mkdtempSync(path.join(tmpdir(), 'netlab-contract-ipc-'));
  const lab = await Lab.create({ journalPath: path.join(dir, 'journal.ndjson'), batchIntervalMs: 10 });
  const bridge = new LabBridge(lab);
  const unregister = registerIpc({
    bridge,
    lab,
    exportWithDialog: async () => labOk(null),
    exportReportWithDialog: async () => labOk(null),
  });
  let nextWindow = 100;
  return {
    lab,
    dir,
    async open() {
      const id = nextWindow++;
      const sender = { id, frameUrl: `${APP_INDEX_URL}#/server` };
      return {
        call: (method, args) =>
          standInIpc.invoke(IPC_CHANNELS.call, sender, method, args) as Promise<LabResult<unknown>>,
        // What WindowManager's onClosed does when the window closes.
        close: () => bridge.releaseOwner(id),
      };
    },
    async stop() {
      unregister();
      await lab.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function browserFace(): Promise<Face> {
  const mode = await startTestBrowserMode();
  return {
    lab: mode.lab,
    dir: mode.dir,
    async open() {
      const tab = await TestClient.connect(mode.server);
      return {
        call: (method, args) => tab.call(method as string, args),
        close: async () => void (await tab.close()),
      };
    },
    stop: () => mode.close(),
  };
}

const FACES: [string, () => Promise<Face>][] = [
  ['Electron IPC', electronFace],
  ['browser-mode WebSocket', browserFace],
];

function value<T>(r: LabResult<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

async function endpointIds(lab: Lab): Promise<string[]> {
  const listed = await lab.listEndpoints({});
  return listed.ok ? listed.value.map((e) => e.id).sort() : [];
}

/** Release runs when the transport notices the page went (a WebSocket close is asynchronous). */
async function waitForEndpoints(lab: Lab, expected: string[], what: string): Promise<void> {
  const deadline = performance.now() + RELEASE_WAIT_MS;
  for (;;) {
    const ids = await endpointIds(lab);
    if (JSON.stringify(ids) === JSON.stringify([...expected].sort())) return;
    if (performance.now() > deadline)
      throw new Error(`${what}: still ${ids.join(', ')} after ${RELEASE_WAIT_MS} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(FACES)('bridge contract over %s', (_name, makeFace) => {
  let face: Face;
  beforeEach(async () => {
    face = await makeFace();
  });
  afterEach(async () => {
    await face.stop();
  });

  it.each(['formatDisk', '__proto__', 'constructor', 'toString', 42, null])(
    'answers an unknown method (%s) with BAD_REQUEST',
    async (method) => {
      const page = await face.open();
      const result = await page.call(method, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      if (!result.ok) expect(result.error.message).toMatch(/unknown method .*not a NetLab command/);
    },
  );

  it('refuses exportCsv with a page-chosen path, writing nothing', async () => {
    const page = await face.open();
    const bashrc = path.join(face.dir, 'bashrc');
    writeFileSync(bashrc, 'export PS1="$ "\n');
    for (const target of [bashrc, path.join(face.dir, 'new.csv')]) {
      const result = await page.call('exportCsv', { path: target });
      expect(result).toEqual({
        ok: false,
        error: { code: 'PERMISSION_DENIED', message: PAGE_REFUSAL_MESSAGE },
      });
    }
    // Also when the arguments are nonsense: the policy comes before validation.
    expect(await page.call('exportCsv', { path: 42 })).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION_DENIED' },
    });
    expect(readFileSync(bashrc, 'utf8')).toBe('export PS1="$ "\n');
    expect(existsSync(path.join(face.dir, 'new.csv'))).toBe(false);
  });

  it('refuses exportReport with a page-chosen path on every scope, writing nothing', async () => {
    const page = await face.open();
    const bashrc = path.join(face.dir, 'bashrc');
    writeFileSync(bashrc, 'export PS1="$ "\n');
    const scopes = [
      { type: 'session' },
      { type: 'endpoints', endpoints: ['cli-1'] },
      { type: 'exchanges', exchanges: ['x1.1'] },
    ];
    for (const target of [bashrc, path.join(face.dir, 'report.csv')]) {
      for (const scope of scopes) {
        expect(await page.call('exportReport', { path: target, scope })).toEqual({
          ok: false,
          error: { code: 'PERMISSION_DENIED', message: PAGE_REFUSAL_MESSAGE },
        });
      }
    }
    // Before validation: a malformed scope is refused the same way, not reported as a bad field.
    expect(await page.call('exportReport', { path: bashrc, scope: { type: 'all' } })).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION_DENIED' },
    });
    expect(readFileSync(bashrc, 'utf8')).toBe('export PS1="$ "\n');
    expect(existsSync(path.join(face.dir, 'report.csv'))).toBe(false);
  });

  it('starts a new session for a page: names only, and the old journal stays', async () => {
    const page = await face.open();
    const before = face.lab.journalPath;
    const started = value<{ journal: string; previous: string }>(await page.call('newSession', {}));
    expect(started.previous).toBe(path.basename(before));
    expect(started.journal).toBe(path.basename(face.lab.journalPath));
    expect(started.journal).not.toBe(started.previous);
    // File names, never the private folder they live in.
    expect(started.journal).not.toContain(path.sep);
    expect(readFileSync(before, 'utf8')).toMatch(/"journal":"end"/);
  });

  it('validates arguments once against the shared schema, naming the field', async () => {
    const page = await face.open();
    const bad = await page.call('startServer', { proto: 'tcp', host: '', port: 70000 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } });
    if (!bad.ok) expect(bad.error.message).toMatch(/^startServer: port: /);
    const notAnObject = await page.call('stopServer', 'srv-1');
    expect(notAnObject).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } });
    expect(await page.call('stopServer', { endpointId: 'srv-404' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it("runs an echo between two pages and stops exactly the closing page's endpoints", async () => {
    const serverPage = await face.open();
    const clientPage = await face.open();
    const server = value<EndpointInfo>(
      await serverPage.call('startServer', { proto: 'tcp', host: '127.0.0.1', port: 0 }),
    );
    const client = value<EndpointInfo>(
      await clientPage.call('openClient', { proto: 'tcp', host: '127.0.0.1', port: server.port }),
    );
    const echo = value<ExchangeSummary>(
      await clientPage.call('send', {
        endpointId: client.id,
        command: { type: 'echo', text: 'same on both faces' },
      }),
    );
    expect(echo.reply).toBe('SAME ON BOTH FACES');
    expect(await endpointIds(face.lab)).toEqual([client.id, server.id].sort());

    await clientPage.close();
    await waitForEndpoints(face.lab, [server.id], "the client page's endpoints stopped");
    await serverPage.close();
    await waitForEndpoints(face.lab, [], "the server page's endpoints stopped");
  });

  it('forgets an endpoint another page stopped, so closing its owner is quiet', async () => {
    const a = await face.open();
    const b = await face.open();
    const server = value<EndpointInfo>(
      await a.call('startServer', { proto: 'udp', host: '127.0.0.1', port: 0 }),
    );
    expect((await b.call('stopServer', { endpointId: server.id })).ok).toBe(true);
    await a.close();
    const again = value<EndpointInfo>(
      await b.call('startServer', { proto: 'udp', host: '127.0.0.1', port: 0 }),
    );
    expect(await endpointIds(face.lab)).toEqual([again.id]);
  });
});
