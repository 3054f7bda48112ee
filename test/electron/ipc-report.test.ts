// The Electron face of the lab report: the page names only a scope (checked in main against the
// shared schema), never a path; the save dialog in main picks where it goes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { labOk } from '../../src-shared/api.js';
import { IPC_CHANNELS } from '../../src-main/electron/common/ipc-channels.js';
import { registerIpc } from '../../src-main/electron/main/ipc.js';
import { LabBridge } from '../../src-main/electron/main/lab-bridge.js';
import { APP_INDEX_URL } from '../../src-main/electron/main/security-policy.js';
import { Lab } from '../../src-main/engine/lab.js';
import { standInIpc } from './stand-in-electron.js';

vi.mock('electron', async () => (await import('./stand-in-electron.js')).standInElectronMain);

describe('IPC: Export lab report', () => {
  let dir: string;
  let lab: Lab;
  let unregister: () => void;
  const dialog = vi.fn(async () => labOk(null));
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'netlab-ipc-report-'));
    lab = await Lab.create({ journalPath: path.join(dir, 'journal.ndjson'), batchIntervalMs: 10 });
    dialog.mockClear();
    unregister = registerIpc({
      bridge: new LabBridge(lab),
      lab,
      exportWithDialog: async () => labOk(null),
      exportReportWithDialog: dialog,
    });
  });
  afterEach(async () => {
    unregister();
    await lab.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ours = { id: 7, frameUrl: `${APP_INDEX_URL}#/client` };

  it('opens the dialog with the scope the page chose, once checked', async () => {
    const scope = { type: 'endpoints', endpoints: ['cli-1'] };
    expect(await standInIpc.invoke(IPC_CHANNELS.exportLabReport, ours, scope)).toEqual({ ok: true, value: null });
    expect(dialog).toHaveBeenCalledTimes(1);
    expect((dialog.mock.calls[0] as unknown[])[1]).toEqual(scope);
  });

  it.each([undefined, { type: 'all' }, { type: 'exchanges', exchanges: [] }, { type: 'endpoints', endpoints: ['../x'] }])(
    'refuses a bad scope (%j) without a dialog',
    async (scope) => {
      expect(await standInIpc.invoke(IPC_CHANNELS.exportLabReport, ours, scope)).toMatchObject({
        ok: false,
        error: { code: 'BAD_ARGUMENT' },
      });
      expect(dialog).not.toHaveBeenCalled();
    },
  );

  it('answers only its own pages', async () => {
    const other = { id: 8, frameUrl: 'https://evil.example/' };
    expect(await standInIpc.invoke(IPC_CHANNELS.exportLabReport, other, { type: 'session' })).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION_DENIED' },
    });
    expect(dialog).not.toHaveBeenCalled();
  });
});
