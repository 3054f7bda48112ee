// A stand-in for the Electron distribution, so electron-builder can pack offline: an `electron`
// "binary" that is a shell script carrying a fuse wire (the sentinel @electron/fuses looks for,
// version 1, eight fuses all enabled), plus the files a real Linux zip has at its top level.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** @electron/fuses' marker in every Electron binary since 12, followed by version and length. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
export const STAND_IN_FUSE_COUNT = 8;
const FUSE_ENABLED = 0x31;

export function makeStandInElectronDist(dir: string, electronVersion: string): string {
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  mkdirSync(path.join(dir, 'locales'), { recursive: true });
  const script = Buffer.from('#!/bin/sh\necho "stand-in for Electron: packaging tests only" >&2\nexit 1\n# ');
  const wire = Buffer.from([
    1,
    STAND_IN_FUSE_COUNT,
    ...new Array<number>(STAND_IN_FUSE_COUNT).fill(FUSE_ENABLED),
  ]);
  writeFileSync(
    path.join(dir, 'electron'),
    Buffer.concat([script, Buffer.from(FUSE_SENTINEL), wire, Buffer.from('\n')]),
  );
  chmodSync(path.join(dir, 'electron'), 0o755);
  writeFileSync(path.join(dir, 'version'), electronVersion);
  writeFileSync(path.join(dir, 'LICENSE'), 'stand-in\n');
  writeFileSync(path.join(dir, 'locales', 'en-US.pak'), '');
  return dir;
}

/**
 * A stand-in for the `electron` module's main-process IPC, for tests that drive the real
 * ipc.ts: `vi.mock('electron', async () => (await import('./stand-in-electron.js')).standInElectronMain)`.
 * invoke() calls a registered handler with an event shaped like Electron's (sender id, frame URL).
 */
type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;
const ipcHandlers = new Map<string, IpcHandler>();
const sentToWindows: [string, unknown][] = [];

export const standInElectronMain = {
  ipcMain: {
    handle(channel: string, handler: IpcHandler): void {
      if (ipcHandlers.has(channel)) throw new Error(`a handler for ${channel} is already registered`);
      ipcHandlers.set(channel, handler);
    },
    removeHandler(channel: string): void {
      ipcHandlers.delete(channel);
    },
  },
  BrowserWindow: {
    getAllWindows: (): unknown[] => [],
    fromWebContents: (): null => null,
    getFocusedWindow: (): null => null,
  },
  screen: { getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1600, height: 900 } }) },
};

export const standInIpc = {
  /** What ipcRenderer.invoke(channel, ...args) from window `senderId` showing `frameUrl` gets. */
  async invoke(
    channel: string,
    sender: { id: number; frameUrl: string | null },
    ...args: unknown[]
  ): Promise<unknown> {
    const handler = ipcHandlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const event = {
      sender: { id: sender.id },
      senderFrame: sender.frameUrl === null ? null : { url: sender.frameUrl },
    };
    return handler(event, ...args);
  },
  registered(): string[] {
    return [...ipcHandlers.keys()];
  },
  sent: sentToWindows,
};
