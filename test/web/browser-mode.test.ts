// `netlab web`'s lifecycle without the CLI around it: hosts file, port in use, clean close.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserMode } from '../../src-main/web/browser-mode.js';
import type { BrowserMode } from '../../src-main/web/browser-mode.js';
import { rawGet } from './web-helpers.js';

describe('startBrowserMode', () => {
  let dir: string;
  let rendererDir: string;
  let mode: BrowserMode | null = null;
  let blocker: Server | null = null;
  const lines: string[] = [];
  const log = (line: string): void => void lines.push(line);

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'netlab-browser-mode-'));
    rendererDir = path.join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>NetLab</title>');
    lines.length = 0;
  });
  afterEach(async () => {
    await mode?.close();
    mode = null;
    await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
    blocker = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the renderer and the given hosts file, says which lines it skipped, and closes twice safely', async () => {
    const hostsPath = path.join(dir, 'hosts.txt');
    writeFileSync(hostsPath, '127.0.0.1:9000\nnot a host line\n');
    mode = await startBrowserMode({ port: 0, hostsPath, rendererDir, log });
    expect(lines.join('\n')).toMatch(/hosts\.txt:2: .*skipped/);
    expect((await rawGet(mode.server.port, '/')).status).toBe(200);
    const hosts = await mode.lab.call('listHosts', {});
    expect(hosts.ok && (hosts.value as { entries: { port: number }[] }).entries.map((e) => e.port)).toEqual([9000]);
    await Promise.all([mode.close(), mode.close()]);
    expect((await mode.lab.call('listEndpoints', {})).ok).toBe(false);
  });

  it('refuses a hosts file that does not exist, before listening', async () => {
    await expect(
      startBrowserMode({ port: 0, hostsPath: path.join(dir, 'missing.txt'), rendererDir, log }),
    ).rejects.toThrow(/Hosts file not found/);
  });

  it('says plainly when the web port is taken', async () => {
    const server = createServer();
    blocker = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await expect(startBrowserMode({ port, rendererDir, log })).rejects.toThrow(
      `Port already in use: another program is listening on 127.0.0.1:${port}.`,
    );
  });
});
